/**
 * What modern privacy law asks a notice to say (GDPR arts 13/14, PIPL arts 17/23/28/39, CCPA/CPRA; see
 * standards.md §3), tagged per sentence. A sentence can carry several topics. Each topic is a cue (the
 * phrasing that names it, English and Chinese) and optionally a second cue the sentence must also
 * carry; the rights come from the shared right cues in cues.ts so facts and topics agree.
 */
import { evidenceOf, type Evidence, type PolicyDocument } from './document.ts';
import { DISCLOSURE, RECIPIENT_CUES, anyOf, rightsIn, type RightId } from './cues.ts';

export type LegalTopic =
  | 'controller-contact' | 'dpo' | 'legal-basis' | 'legitimate-interest' | 'right-access'
  | 'right-rectification' | 'right-erasure' | 'right-restriction' | 'right-objection'
  | 'right-portability' | 'right-withdraw-consent' | 'how-to-exercise-rights' | 'complaint-authority'
  | 'cross-border-transfer' | 'automated-decisions' | 'sale-or-sharing' | 'opt-out-of-sale' | 'gpc-or-dnt'
  | 'children' | 'data-source' | 'required-or-optional' | 'processing-method' | 'sensitive-data'
  | 'retention' | 'policy-change' | 'effective-date' | 'recipients';

interface TopicRule {
  topic: LegalTopic;
  cue: RegExp;
  /** A second cue the sentence must also match. */
  with?: RegExp;
}

/** Non-global union of the recipient categories (for a yes/no test). */
const ANY_RECIPIENT = anyOf(RECIPIENT_CUES.map((r) => r.cue));

const RULES: readonly TopicRule[] = [
  {
    topic: 'controller-contact',
    cue: /\bcontact us\b|\b(?:data )?controller\b|\bresponsible for (?:the processing|your (?:personal )?(?:data|information))|\bquestions (?:about|regarding|concerning) (?:this|our) (?:privacy )?(?:policy|notice|statement)|\b(?:write|e-?mail) (?:to )?us\b|\breach us\b|[\w.+-]@[\w-]+\.|联系我们|个人信息处理者|联系方式/i,
  },
  {
    topic: 'dpo',
    cue: /\bdata protection officer\b|\bDPO\b|\bprivacy officer\b|\b(?:EU|UK|European) representative\b|\brepresentative in the (?:EU|European Union|UK|United Kingdom)\b|个人信息保护负责人|个人信息保护官|数据保护官|境内代表|专门机构或者指定代表/i,
  },
  {
    topic: 'legal-basis',
    cue: /\b(?:legal|lawful) (?:basis|bases|grounds?)\b|\bArt(?:icle|\.)? ?6\b|\bperformance of (?:a|the|our) contract\b|\bcompl(?:y|iance) with (?:a |our )?legal obligations?\b|\b(?:based on|on the basis of|with) your (?:explicit )?consent\b|\bvital interests\b|\bpublic interest\b|法律依据|合法性基础|合法性依据|个人信息保护法第十三条/i,
  },
  { topic: 'legitimate-interest', cue: /\blegitimate (?:business )?interests?\b|正当利益|合法权益/i },
  {
    topic: 'how-to-exercise-rights',
    cue: /\bto exercise (?:any of )?(?:these|your|the|those|such|this)\b[^.;]{0,30}\brights?\b|\bsubmit (?:a |your )?(?:verifiable )?(?:consumer )?request|\bmake (?:a |such a )?request\b|\b(?:privacy|data subject|consumer|access) request|\brequest form\b|\bverify your (?:identity|request)\b|行使[^。；]{0,10}权利|(?:提交|提出)[^。；]{0,10}(?:申请|请求)|验证您的身份|身份验证/i,
  },
  {
    topic: 'cross-border-transfer',
    cue: /\btransfer\w*\b[^.;]{0,60}\b(?:outside|countr|abroad|overseas|jurisdiction)|\binternational (?:data )?transfers?\b|\bstandard contractual clauses\b|\badequacy decision\b|\bData Privacy Framework\b|\bPrivacy Shield\b|\bbinding corporate rules\b|\b(?:stored|processed|transferred|hosted)\b[^.;]{0,40}\b(?:United States|U\.S\.|USA|other countries|outside (?:the|your))|跨境|境外|出境/i,
  },
  {
    topic: 'automated-decisions',
    cue: /\bautomated (?:individual )?decision|\bprofiling\b|\bsolely on automated\b|\bautomated processing\b|自动化决策|用户画像|个性化推荐|个性化展示/i,
  },
  {
    topic: 'sale-or-sharing',
    cue: /\b(?:sell|sells|sold|selling)\b|\bsale of (?:your |any )?(?:personal|data|information)|\bcross[- ]context behaviou?ral advertising\b|\b"?shar(?:e|ing)"? as (?:that term is )?defined\b|出售|买卖|出租/i,
  },
  {
    topic: 'gpc-or-dnt',
    cue: /\bglobal privacy control\b|\bGPC\b|\bdo[- ]not[- ]track\b|\bDNT\b|\bopt[- ]out preference signals?\b|\buniversal opt[- ]out\b/i,
  },
  {
    topic: 'children',
    cue: /\bchild(?:ren)?(?:['’]s)?\b|\bminors?\b|\bunder (?:the age of )?1[0-8]\b|\bCOPPA\b|\bparental consent\b|儿童|未成年|未满\s*(?:\d+|[十一二三四五六七八九]+)\s*周?岁|不满\s*(?:\d+|[十一二三四五六七八九]+)\s*周?岁|监护人/i,
  },
  {
    topic: 'data-source',
    cue: /\b(?:obtain|receive|collect|get|acquire)\w*\b[^.;]{0,60}\bfrom (?:other |third[- ]part|publicly|public|our (?:partners|affiliates)|data brokers|social (?:media|network)|business partners|advertis|analytics)|\bpublicly (?:available|accessible) (?:sources|information)\b|\bother sources\b|从第三方(?:获取|获得|收集|处获得)|间接获取|公开渠道|合法公开/i,
  },
  {
    topic: 'required-or-optional',
    cue: /\b(?:is|are) (?:required|mandatory|optional|voluntary)\b|\bif you (?:do not|don['’]t|choose not to|refuse to|decline to) provide\b|\bnot (?:required|obliged|obligated) to provide\b|\bstatutory or contractual\b|\bfailure to provide\b|\b(?:required|mandatory|optional) (?:fields?|information)\b|\bwithout (?:this|that|such|the) information,? we\b|必要个人信息|非必要|拒绝提供|不提供|可选(?:信息|提供)/i,
  },
  {
    topic: 'processing-method',
    cue: /\b(?:combine|match|aggregate|link)\w*\b[^.;]{0,40}\b(?:with|from)\b|\b(?:automatically|by automated means)\b|\bprofiling\b|\b(?:means|methods?) of (?:processing|collection)\b|\bcookies and similar technologies\b|处理方式|收集方式|自动化|汇聚融合|关联分析/i,
  },
  {
    topic: 'sensitive-data',
    cue: /\bsensitive (?:personal )?(?:data|information)\b|\bspecial categor(?:y|ies)\b|\bhealth\b|\bmedical\b|\bbiometric|\bgenetic\b|\breligio(?:n|us)\b|\bpolitical (?:opinions?|views)\b|\bsexual orientation\b|\bracial\b|\bethnic origin\b|\btrade union\b|\bprecise (?:geo)?location\b|\bcriminal (?:records?|convictions?|offen[cs]es)\b|敏感个人信息|生物识别|人脸|指纹|健康|医疗|宗教|行踪轨迹|金融账户|身份证/i,
  },
  {
    topic: 'retention',
    cue: /\bretain\w*|\bretention\b|\bkeep (?:your|the|personal|this|such|it)\b|\bkept\b|\bstored? (?:for|until)\b|\bas long as (?:is )?(?:necessary|needed|required)\b|\bindefinitely\b|保存期限|存储期限|保存|留存/i,
  },
  {
    topic: 'policy-change',
    cue: /\b(?:chang|updat|modif|amend|revis)\w*\b[^.;]{0,20}\b(?:this|our|the) (?:privacy )?(?:policy|notice|statement)\b|\b(?:this|our) (?:privacy )?(?:policy|notice|statement) (?:may|will|can) (?:be )?(?:chang|updat|modif|amend|revis)|\bnotify you of (?:any )?(?:material |significant )?changes\b|(?:本政策|隐私政策|本指引)[^。；]{0,20}(?:更新|修订|变更|修改)|(?:更新|修订|变更|修改)[^。；]{0,10}(?:本政策|隐私政策|本指引)/i,
  },
  {
    topic: 'effective-date',
    cue: /\beffective (?:date|as of|from|on)\b|\blast (?:updated|revised|modified)\b|\bdate of last (?:update|revision)\b|生效日期|更新日期|发布日期|生效时间|起生效|起施行/i,
  },
  { topic: 'recipients', cue: DISCLOSURE, with: ANY_RECIPIENT },
];

const RIGHT_TOPIC: Record<RightId, LegalTopic> = {
  access: 'right-access',
  rectification: 'right-rectification',
  erasure: 'right-erasure',
  restriction: 'right-restriction',
  objection: 'right-objection',
  portability: 'right-portability',
  'withdraw-consent': 'right-withdraw-consent',
  'opt-out-sale': 'opt-out-of-sale',
  complaint: 'complaint-authority',
};

/** The legal topics one sentence speaks to (multi-label): the phrase rules first, then the rights. */
export function legalTopicsOf(sentence: string): LegalTopic[] {
  const topics: LegalTopic[] = [];
  for (const rule of RULES) {
    if (rule.cue.test(sentence) && (!rule.with || rule.with.test(sentence))) topics.push(rule.topic);
  }
  for (const right of rightsIn(sentence)) topics.push(RIGHT_TOPIC[right]);
  return topics;
}

/** Every sentence of the policy under each legal topic it speaks to, in document order. */
export function legalTopicIndex(doc: PolicyDocument): Map<LegalTopic, Evidence[]> {
  const index = new Map<LegalTopic, Evidence[]>();
  for (const sentence of doc.sentences) {
    for (const topic of legalTopicsOf(sentence.text)) {
      const list = index.get(topic);
      if (list) list.push(evidenceOf(sentence));
      else index.set(topic, [evidenceOf(sentence)]);
    }
  }
  return index;
}
