/**
 * The categories of personal data a policy can say it collects, with the phrasing that names each
 * (English and Chinese) and whether the law treats it as sensitive: GDPR art. 9/10 special categories,
 * PIPL art. 28 sensitive personal information (biometrics, religion, specific identity, health,
 * financial accounts, whereabouts, minors under 14) and CPRA "sensitive personal information"
 * (government IDs, account and card numbers, precise geolocation, racial/ethnic origin, religion,
 * union membership, genetic, biometric, health, sex life or sexual orientation).
 */

export interface DataTypeCue {
  /** Stable id, e.g. 'email', 'precise-location'. */
  type: string;
  label: string;
  labelZh: string;
  sensitive: boolean;
  /** Must not capture: the cues of all types run as one regex (CueSet). */
  cue: RegExp;
}

/**
 * A sentence talks about collecting or holding data (the data-type cues only count in such a
 * sentence, so a "Contact us" line with an e-mail address does not make "email" a collected type).
 */
export const COLLECTION_CONTEXT =
  /\b(?:collect|gather|obtain|receiv|process|record|stor|log|use|uses|used|using|access|request|ask(?:s|ed)? for|provid|submit|enter|give|share|disclos|includ|such as|consist|categor|read|captur|scan|infer|deriv)\w*|收集|获取|采集|读取|提供|使用|处理|包括|申请|需要|调用|访问|存储|保存|记录/i;

export const DATA_TYPES: readonly DataTypeCue[] = [
  // "name" only as a field the reader gives: "your name", "full name", or first in a list of fields.
  { type: 'name', label: 'name', labelZh: '姓名', sensitive: false, cue: /\b(?:your|full|first|last|legal|real|given|family) names?\b|\bnames?(?=,\s+(?:(?:e-?mail|postal|mailing|home|billing|shipping) )?(?:e-?mail|address|phone|telephone|date of birth|birthday))|姓名|真实姓名/i },
  { type: 'email', label: 'email address', labelZh: '电子邮件地址', sensitive: false, cue: /\be-?mail address(?:es)?\b|电子邮(?:件|箱)(?:地址)?|邮箱(?:地址)?/i },
  { type: 'phone', label: 'phone number', labelZh: '手机号码', sensitive: false, cue: /\b(?:tele)?phone numbers?\b|\b(?:mobile|cell(?:ular)?)(?: phone)? numbers?\b|手机号(?:码)?|电话号码|联系电话/i },
  { type: 'postal-address', label: 'postal address', labelZh: '通讯地址', sensitive: false, cue: /\b(?:postal|mailing|home|billing|shipping|street|physical|delivery) address(?:es)?\b|(?:收货|邮寄|通讯|家庭|详细)地址|住址/i },
  { type: 'date-of-birth', label: 'date of birth or age', labelZh: '出生日期或年龄', sensitive: false, cue: /\bdate of birth\b|\bbirth ?date\b|\bbirthday\b|\byour age\b|出生日期|生日|年龄/i },
  { type: 'ip-address', label: 'IP address', labelZh: 'IP地址', sensitive: false, cue: /\bIP address(?:es)?\b|\bInternet Protocol address|IP\s?地址/i },
  { type: 'device-id', label: 'device identifiers', labelZh: '设备标识符', sensitive: false, cue: /\bdevice (?:identifiers?|IDs?|identification)\b|\badvertising (?:identifiers?|IDs?)\b|\bIDFA\b|\bGAID\b|\bIMEI\b|\bAndroid ID\b|\bMAC address|\bunique (?:device )?identifiers?|设备(?:标识符?|识别码|ID|信息)|IMEI|IDFA|OAID|Android ?ID|MAC地址/i },
  { type: 'cookies', label: 'cookies and online identifiers', labelZh: 'Cookie和网络标识', sensitive: false, cue: /\bcookies?\b|\bonline identifiers?\b|\bpixel tags?\b|\bweb beacons?\b|\btracking technologies\b|\bsimilar technologies\b|cookie|网络身份标识|同类技术|像素标签/i },
  { type: 'browsing-history', label: 'browsing and search history', labelZh: '浏览和搜索记录', sensitive: false, cue: /\bbrowsing (?:history|activity|behaviou?r|data)\b|\bpages? (?:you )?(?:visit|view)\b|\bclickstream\b|\bsearch (?:history|queries|terms)\b|\binternet (?:or other (?:electronic )?)?network activity\b|浏览(?:记录|历史)|搜索(?:记录|历史|关键词)|点击记录/i },
  // Location: "precise" only when the text says so (GPS, latitude, precise); plain "location" is not.
  { type: 'precise-location', label: 'precise location', labelZh: '精确位置', sensitive: true, cue: /\bprecise (?:geo)?location\b|\bGPS\b|\bexact location\b|\blatitude\b|\blongitude\b|精确(?:地理)?位置|精准(?:地理)?位置|GPS|行踪轨迹|精确定位/i },
  { type: 'approximate-location', label: 'approximate location', labelZh: '大致位置', sensitive: false, cue: /\b(?:approximate|general|coarse|city[- ]level|country[- ]level|imprecise|non-precise) (?:geo)?location\b|\blocation (?:derived|inferred|based) (?:from|on) (?=(?:your )?IP\b)|大致位置|粗略位置|城市级/i },
  { type: 'location', label: 'location', labelZh: '位置信息', sensitive: false, cue: /\blocation (?:data|information)\b|\byour (?:geo)?location\b|\bgeolocation\b|\bwhere you are\b|位置信息|地理位置|定位/i },
  { type: 'payment-card', label: 'payment card details', labelZh: '银行卡信息', sensitive: true, cue: /\b(?:credit|debit|payment) card\b|\bcard (?:number|details)\b|\bpayment (?:information|details|data)\b|银行卡号?|信用卡|支付信息/i },
  { type: 'financial-account', label: 'bank or financial account', labelZh: '银行或金融账户', sensitive: true, cue: /\bbank (?:account|details)\b|\bfinancial (?:account|information)\b|\baccount numbers?\b|\bIBAN\b|\brouting number\b|银行(?:账户|账号)|金融账户|支付账户|财产信息|征信/i },
  { type: 'government-id', label: 'government ID number', labelZh: '身份证件号码', sensitive: true, cue: /\bsocial security(?: numbers?)?\b|\bSSN\b|\bpassports?\b|\bdriver['’]?s? licen[cs]es?\b|\b(?:national|government)[- ](?:issued )?ID\b|\bID (?:card|number)s?\b|\bidentity (?:card|document|number)s?\b|\btax (?:identification )?(?:number|ID)\b|身份证|护照|驾驶证|证件号/i },
  { type: 'health', label: 'health or medical data', labelZh: '健康或医疗信息', sensitive: true, cue: /\bhealth (?:data|information|records?|conditions?|status)\b|\byour health\b|\bmedical\b|\bdiagnos[ie]s\b|\bprescriptions?\b|\bdisabilit(?:y|ies)\b|\bheart rate\b|健康|医疗|病历|病史|体检/i },
  { type: 'biometrics', label: 'biometrics (fingerprint, face, voice print)', labelZh: '生物识别信息（指纹、人脸、声纹）', sensitive: true, cue: /\bbiometric|\bfingerprints?\b|\bface ?prints?\b|\bfacial (?:recognition|geometry|features|scans?|data|images?)\b|\bvoice ?prints?\b|\bretina\b|\biris scans?\b|\bface ID\b|生物识别|人脸|面部(?:识别|特征)|指纹|声纹|虹膜/i },
  { type: 'genetic', label: 'genetic data', labelZh: '基因信息', sensitive: true, cue: /\bgenetic\b|\bDNA\b|\bgenomic?\b|基因/i },
  { type: 'religion', label: 'religious beliefs', labelZh: '宗教信仰', sensitive: true, cue: /\breligio(?:n|us)\b|\bphilosophical beliefs\b|宗教/i },
  { type: 'political-opinions', label: 'political opinions', labelZh: '政治观点', sensitive: true, cue: /\bpolitical (?:opinions?|views|affiliations?|beliefs)\b|政治(?:观点|倾向)/i },
  { type: 'sexual-orientation', label: 'sex life or sexual orientation', labelZh: '性取向', sensitive: true, cue: /\bsexual orientation\b|\bsex life\b|\bsexuality\b|性取向|性生活/i },
  { type: 'racial-ethnic-origin', label: 'racial or ethnic origin', labelZh: '种族或民族', sensitive: true, cue: /\bracial\b|\bethnic (?:origin|background)\b|\bethnicity\b|\brace (?:or|and) ethnicity\b|种族|民族/i },
  { type: 'trade-union', label: 'trade union membership', labelZh: '工会成员身份', sensitive: true, cue: /\btrade union\b|\bunion membership\b|工会/i },
  { type: 'criminal-records', label: 'criminal records', labelZh: '犯罪记录', sensitive: true, cue: /\bcriminal (?:records?|convictions?|history|offen[cs]es)\b|\bbackground checks?\b|犯罪记录|违法犯罪/i },
  { type: 'children', label: "children's data", labelZh: '儿童个人信息', sensitive: true, cue: /\bchildren['’]?s? (?:personal )?(?:data|information)\b|\b(?:data|information) (?:from|about|of) (?:children|minors|kids)\b|\bminors['’]? (?:personal )?(?:data|information)\b|儿童(?:的)?个人信息|(?:未满|不满)\s*(?:14|十四)\s*周岁[^。；，]{0,12}个人信息|未成年人(?:的)?个人信息/i },
  { type: 'contacts', label: 'contacts / address book', labelZh: '通讯录', sensitive: false, cue: /\bcontacts? list\b|\baddress book\b|\byour contacts\b|\bphone contacts\b|通讯录|联系人/i },
  { type: 'photos', label: 'photos and camera', labelZh: '照片和摄像头', sensitive: false, cue: /\bphotos?\b|\bphotographs?\b|\bcamera\b|\bphoto (?:library|gallery)\b|相册|照片|摄像头|相机/i },
  { type: 'microphone', label: 'microphone and voice recordings', labelZh: '麦克风和录音', sensitive: false, cue: /\bmicrophone\b|\bvoice (?:recordings?|commands?|data|input)\b|\baudio recordings?\b|麦克风|录音|语音/i },
  { type: 'purchase-history', label: 'purchase history', labelZh: '购买记录', sensitive: false, cue: /\bpurchase (?:history|records?|information)\b|\border history\b|\btransaction (?:history|data|information|records?)\b|\bproducts? (?:you )?(?:purchased|bought)\b|\bcommercial information\b|购买记录|交易记录|订单信息|订单记录/i },
];

/** Data-type ids that a more specific one makes redundant (plain "location" once "precise" is known). */
export const SUPERSEDED_BY: Readonly<Record<string, readonly string[]>> = {
  location: ['precise-location', 'approximate-location'],
};
