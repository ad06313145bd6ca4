// Rule-based classifier of privacy-policy passages into the ten OPP-115 practice categories.
//
// How it works
//  1. RULES below are hand-written cues: a regular expression over the lower-cased passage and the
//     evidence it gives, in points, to one or more categories (negative points are counter-evidence: "this
//     policy describes what we collect" is an introduction, not a collection practice). Each rule counts
//     once. Rules marked as vocabulary (data types, tracking technology, purposes) together give at most
//     VOCABULARY_CAP points: such words show the topic, not who does what.
//  2. LEAD_RULES are topic words looked for in the first dozen words only, where section headings and
//     topic sentences sit: a passage that opens with "Security" is about security, whatever it mentions later.
//  3. ZH_RULES do the same for Chinese (zh-Hans) passages, for the main practices.
//  4. Passage structure (scoreArray): a Title Case heading on its own, a short lead-in ending with a colon,
//     a table of contents (several questions) and very short fragments are Other's "introductory" sub-type,
//     so practice evidence there is damped; a list item ending with ";" is not damped.
//  5. A category needs THRESHOLD points (per category, set by hand against train-split errors). About four
//     passages in five speak to one practice, so the strongest category wins and others are added only when
//     nearly as strong (SECONDARY_RATIO, per category) or strong on their own; at most MAX_LABELS.
//     'Other' (introductions, contact details, scope, definitions, policy dates, links to other sites,
//     headings) has rules of its own and is the fallback when no category has enough evidence.
//
// The rules were written by hand from general privacy-policy vocabulary (no text, n-gram lists or learned
// weights from any annotated corpus are embedded). Every regex is compiled once at module load, and each rule
// runs only when one of its trigger words occurs in the passage (a Set lookup), which keeps classification
// at roughly 12 ms per 10,000 words in Node. Accuracy is measured by scripts/eval-policy.mjs.

export const OPP115_CATEGORIES = [
  'First Party Collection/Use',
  'Third Party Sharing/Collection',
  'User Choice/Control',
  'User Access, Edit and Deletion',
  'Data Retention',
  'Data Security',
  'Policy Change',
  'Do Not Track',
  'International and Specific Audiences',
  'Other',
] as const;
export type Opp115Category = (typeof OPP115_CATEGORIES)[number];

// Short names for the rules below.
const FIRST = 'First Party Collection/Use';
const THIRD = 'Third Party Sharing/Collection';
const CHOICE = 'User Choice/Control';
const ACCESS = 'User Access, Edit and Deletion';
const RETENTION = 'Data Retention';
const SECURITY = 'Data Security';
const CHANGE = 'Policy Change';
const DNT = 'Do Not Track';
const AUDIENCE = 'International and Specific Audiences';
const OTHER = 'Other';

type Effects = Partial<Record<Opp115Category, number>>;
interface Rule {
  readonly re: RegExp;
  /** [index in OPP115_CATEGORIES, points] pairs. */
  readonly effects: readonly (readonly [number, number])[];
  readonly triggers: readonly string[];
  readonly vocabulary: boolean;
}
const N = OPP115_CATEGORIES.length;
const OTHER_INDEX = N - 1;

// Reusable pattern fragments (non-capturing groups), written as {NAME} inside the rules.
const FRAGMENTS: Record<string, string> = {
  // The site speaking of itself.
  WE: String.raw`(?:we|us|our (?:web ?)?sites?|this (?:web ?)?site|our services?|our apps?)`,
  // Modal and adverbial padding between a subject and its verb: "we may also automatically ...".
  MAY: String.raw`(?:(?:may|will|might|can|could|also|only|then|automatically|routinely|generally|sometimes|occasionally|further|directly|do|does|would|not|never|to) )*`,
  // Data nouns.
  INFO: String.raw`(?:information|data|info|details|content)`,
  // The policy document itself.
  POLICY: String.raw`(?:(?:online |website |web site )?(?:privacy )?(?:policy|statement|notice|policies))`,
  // Recipients outside the site.
  PARTIES: String.raw`(?:third[- ]part(?:y|ies)|3rd[- ]part(?:y|ies)|outside (?:parties|companies)|other companies|affiliates?|subsidiaries|service providers?|vendors?|contractors?|business partners?|partners|advertisers?|ad(?:vertising)? (?:networks?|servers?|companies|partners)|sponsors?|these (?:companies|parties|third parties|providers|partners|advertisers)|such (?:companies|parties|third parties|providers)|analytics (?:providers?|companies|services)|google|facebook)`,
};

/**
 * Vocabulary (data types, tracking technology, purposes) shows the topic but not who does what: however many
 * such words a passage has, together they give at most VOCABULARY_CAP points to a category.
 */
const VOCABULARY_CAP = 0.8;

/**
 * A rule from a lower-case pattern ({NAME} fragments are expanded once, here), its evidence, and its trigger
 * words: the regex only runs when the passage contains one of them as a whole word (a Set lookup), which
 * keeps a 10,000-word policy within a few milliseconds. '' = always run.
 */
function rule(pattern: RegExp, effects: Effects, triggers: string, vocabulary = false): Rule {
  const source = pattern.source.replace(/\{(\w+)\}/g, (_m, name: string) => FRAGMENTS[name] ?? `{${name}}`);
  return {
    re: new RegExp(source, pattern.flags),
    effects: OPP115_CATEGORIES.flatMap((c, i) => (effects[c] === undefined ? [] : [[i, effects[c]] as const])),
    triggers: triggers ? triggers.split(' ') : [],
    vocabulary,
  };
}
/** A vocabulary rule: its points count towards the category's capped vocabulary total. */
const vocab = (pattern: RegExp, effects: Effects, triggers: string): Rule => rule(pattern, effects, triggers, true);

const RULES: readonly Rule[] = [
  // ---- First Party Collection/Use: the site gathering data and using it for its own purposes.
  // "we collect", "we may automatically receive", "our site logs".
  rule(/\b{WE} {MAY}(?:collect|gather|obtain|receive|record|log|capture|ask (?:for|you)|request|require|keep track|track|get|solicit)s?\b/, { [FIRST]: 1.2 }, 'collect collects gather gathers obtain obtains receive receives record records log logs capture captures ask asks request requests require requires keep keeps track tracks get gets solicit solicits'),
  rule(/\b{INFO} (?:that |which )?(?:we|you) {MAY}(?:collect|gather|obtain|receive|provide|submit|give|enter|send)/, { [FIRST]: 0.7 }, 'collect gather obtain receive provide submit give enter send'),
  vocab(/\b(?:collect(?:ed|s|ing)?|collection|gather(?:ed|s|ing)?)\b/, { [FIRST]: 0.4 }, 'collect collected collects collecting collection gather gathered gathers gathering'),
  // "we use your information to ..." (but "we use third-party companies to ..." is about third parties).
  rule(/\b{WE} {MAY}(?:use|process|analy[sz]e|combine|aggregate|anonymi[sz]e|review|monitor|link|associate|match|save|store)s?\b(?! (?:\w+ ){0,2}(?:third|3rd|outside|other companies|service providers|vendors|companies))/, { [FIRST]: 0.7 }, 'use uses process processes analyze analyzes analyse analyses combine combines aggregate aggregates anonymize anonymizes anonymise review reviews monitor monitors link links associate associates match matches save saves store stores'),
  // Any subject with a modal and a collection/use verb ("Acme may use ..."), or the passive voice.
  rule(/\b(?:may|will|might|also|automatically) (?:collect|use|gather|log|record|store|save|track|obtain|receive|process)\b/, { [FIRST]: 0.4 }, 'collect use gather log record store save track obtain receive process'),
  // The site by name ("Acme may record ...") rather than by pronoun; not when the subject is a third party.
  rule(/\b(?:may|will|might)(?<!(?:part(?:y|ies)|advertisers?|partners?|providers?|they|companies|vendors?|networks?|others|sites?|google|facebook) \w+) (?:also )?(?:collect|use|gather|log|record|store|track|obtain|receive|process|request|maintain|access|send you|contact you|publish)\b/, { [FIRST]: 0.4 }, 'collect use gather log record store track obtain receive process request maintain access send contact publish'),
  // What the site does with data, beyond collecting it: "we may maintain", "we will send you", "we may place cookies".
  rule(/\b{WE} {MAY}(?:maintain|place|publish|send you|contact you|e-?mail you|call you|text you|notify you|access|keep a record|personali[sz]e|customi[sz]e|tailor)\b/, { [FIRST]: 0.8 }, 'maintain place publish send contact email mail call text notify access keep personalize personalise customize customise tailor'),
  // A purpose in a list, led by a gerund: "Responding to your requests;", "Sending you newsletters".
  rule(/^(?:[-*•]\s*|\(?[a-z0-9]{1,3}[.)]\s+)?(?:providing|sending|contacting|responding|allowing|enabling|processing|improving|personali[sz]ing|customi[sz]ing|analy[sz]ing|delivering|administering|communicating|conducting|verifying|preventing|fulfill?ing|operating|managing|displaying|tailoring|notifying|maintaining|measuring|understanding|developing|protecting|otherwise to)\b/, { [FIRST]: 0.8 }, 'providing sending contacting responding allowing enabling processing improving personalizing personalising customizing customising analyzing analysing delivering administering communicating conducting verifying preventing fulfilling fulfiling operating managing displaying tailoring notifying maintaining measuring understanding developing protecting otherwise'),
  rule(/\b(?:is|are|be|being|been) (?:automatically |also |only |generally )?(?:collected|gathered|logged|recorded|stored|saved|tracked|obtained|received|used|processed|requested|required)\b/, { [FIRST]: 0.5 }, 'collected gathered logged recorded stored saved tracked obtained received used processed requested required'),
  rule(/\b(?:is|are|be|being) used (?:to|for|by us|in order)\b|\b(?:used|use it|use this information|use the information) to\b/, { [FIRST]: 0.3 }, 'used use'),
  // Purposes: "to improve our services", "for billing purposes".
  vocab(/\b(?:to|in order to|help us) (?:provide|improve|personali[sz]e|customi[sz]e|tailor|operate|administer|deliver|process|respond|fulfill|send you|contact you|communicate with you|verify|analy[sz]e|understand|measure|enhance|manage|prevent|detect|track|remember|recogni[sz]e|display|show you|serve you|notify you)\b/, { [FIRST]: 0.4 }, 'provide improve personalize personalise customize customise tailor operate administer deliver process respond fulfill send contact communicate verify analyze analyse understand measure enhance manage prevent detect track remember recognize recognise display show serve notify'),
  vocab(/\bfor (?:\w+ ){0,3}(?:purposes?|analysis|statistics|research|billing|marketing)\b/, { [FIRST]: 0.3 }, 'purpose purposes analysis statistics research billing marketing'),
  // A list item ("...;" or "...; and"): in a privacy policy, lists are mostly purposes or kinds of data.
  rule(/;\s*(?:and|or)?\s*$/, { [FIRST]: 0.7, [OTHER]: -0.3 }, ''),
  // A named subject in the present tense: "Acme stores ...", "the server logs ...".
  rule(/\b(?:collects|uses|stores|logs|records|analy[sz]es|receives|maintains|tracks|gathers|obtains|saves)\b/, { [FIRST]: 0.4 }, 'collects uses stores logs records analyzes analyses receives maintains tracks gathers obtains saves'),
  // Enumerated purpose bullets: "to personalise your experience;".
  rule(/^(?:[-*•]\s*|\(?[a-z0-9]{1,3}[.)]\s+)?(?:to|for) \w+/, { [FIRST]: 0.5 }, 'to for'),
  // Kinds of personal data a site asks for, and data vocabulary in general.
  vocab(/\b(?:your name|first name|e-?mail address|postal address|mailing address|shipping address|billing address|phone number|telephone number|date of birth|birth ?date|zip code|postal code|credit card|payment information|demographic|gender|age|occupation|user ?name|password)\b/, { [FIRST]: 0.35 }, 'name mail email address number birth birthdate zip postal credit payment demographic gender age occupation username user password'),
  vocab(/\b(?:personal(?:ly identifiable)? information|personal data|information about you|your (?:personal )?information|usage (?:data|information)|non-personal|aggregated?|anonymous)\b/, { [FIRST]: 0.3 }, 'personal personally information data usage non anonymous aggregate aggregated'),
  // Automatic-collection technology (first party unless a third party is named).
  vocab(/\b(?:cookies?|web beacons?|pixel tags?|clear gifs?|log files?|log data|server logs?|ip address(?:es)?|browser type|operating system|device (?:type|id|identifiers?|information)|referring (?:url|site|page)|pages? (?:you )?visit(?:ed)?|clickstream|geo-?location|location (?:data|information)|gps)\b/, { [FIRST]: 0.35 }, 'cookie cookies beacon beacons pixel gif gifs log logs ip browser operating device referring page pages clickstream geolocation geo location gps'),
  // Moments when the user hands data over.
  vocab(/\bwhen you (?:register|sign up|sign in|log in|create|open|make|place|contact|visit|use|subscribe|enter|participate|apply|order|purchase|request|submit|fill|complete|download|access|browse|interact|respond|post|send|call|email|e-mail)\b/, { [FIRST]: 0.35 }, 'when'),
  rule(/\b(?:you (?:provide|submit|give|enter|supply|share) (?:to )?(?:us|it)|provided by you|you voluntarily)\b/, { [FIRST]: 0.4 }, 'provide submit give enter supply share provided voluntarily'),

  // ---- Third Party Sharing/Collection: data going to others, or others collecting on the site.
  // "we may share", "we do not sell", "we provide it to ...".
  rule(/\b{WE} {MAY}(?:share|disclose|sell|rent|lease|trade|transfer|release|make available|pass|provide (?:\w+ ){0,3}(?:to|with))s?\b/, { [THIRD]: 1.1 }, 'share shares disclose discloses sell sells rent rents lease leases trade trades transfer transfers release releases make makes pass passes provide provides'),
  rule(/\b(?:shared|disclosed|sold|rented|transferred|released|made available|provided|passed|given) (?:\w+ ){0,2}(?:with|to) (?:third|3rd|other|our|outside|trusted|selected|certain|any|these|such|unaffiliated|non-?affiliated)/, { [THIRD]: 0.9 }, 'shared disclosed sold rented transferred released made provided passed given'),
  rule(/\b(?:is|are|be|been|being) (?:\w+ )?(?:shared|disclosed|sold|rented|exchanged|transferred|released|handled by|processed by|provided to|passed on)\b/, { [THIRD]: 0.7 }, 'shared disclosed sold rented exchanged transferred released handled processed provided passed'),
  rule(/\b(?:shar(?:e|es|ed|ing)|disclos(?:e|es|ed|ing|ure|ures)|sell|selling|sold|rent|renting|exchanged?)\b/, { [THIRD]: 0.4 }, 'share shares shared sharing disclose discloses disclosed disclosing disclosure disclosures sell selling sold rent renting exchange exchanged'),
  rule(/\b{PARTIES}\b/, { [THIRD]: 0.45 }, 'third 3rd outside other affiliate affiliates subsidiaries provider providers vendor vendors contractor contractors partner partners advertiser advertisers ad advertising sponsor sponsors these such analytics google facebook'),
  // Others as the subject of collection: "advertisers may use cookies" (then it is not the site's practice).
  rule(/\b{PARTIES} {MAY}(?:collect|gather|obtain|receive|use|place|set|serve|access|track|read|combine)s?\b/, { [THIRD]: 0.8, [FIRST]: -0.5 }, 'third 3rd outside other affiliate affiliates subsidiaries provider providers vendor vendors contractor contractors partner partners advertiser advertisers ad advertising sponsor sponsors these such analytics google facebook'),
  // Analytics, ad-tech and social plug-ins by name or kind.
  rule(/\b(?:google analytics|doubleclick|omniture|adobe analytics|quantcast|comscore|nielsen|webtrends|facebook connect|like button|social (?:media|network(?:ing)?) (?:sites?|plug-?ins?|features|widgets|buttons|services|platforms?))\b/, { [THIRD]: 0.6 }, 'google doubleclick omniture adobe quantcast comscore nielsen webtrends facebook like social'),
  rule(/\b(?:third[- ]party|advertising|ad) (?:cookies|beacons|tracking|network)\b/, { [THIRD]: 0.4 }, 'cookies beacons tracking network'),
  // Passing data to a kind of recipient: "we will forward your order to the publisher".
  rule(/\b(?:forward|send|transmit|pass|give|make|report|release|transfer|provide)s? (?:\S+ ){0,8}(?:to|with) (?:the |a |an |our |these |such |that |their |its )?(?:publishers?|providers?|partners?|sponsors?|compan(?:y|ies)|third|vendors?|affiliates?|advertisers?|merchants?|banks?|government|authorit\w+|organi[sz]ations?|licensors?|others|other parties)\b/, { [THIRD]: 0.7 }, 'forward forwards send sends transmit transmits pass passes give gives make makes report reports release releases transfer transfers provide provides'),
  // Public areas: what a user posts is disclosed to everyone.
  rule(/\b(?:publicly (?:available|accessible|visible|displayed|posted)|becomes? public|public (?:forums?|areas?|profile|spaces?)|message boards?|chat rooms?|bulletin boards?|forums?|other (?:users|members|visitors) (?:can|may|will))\b/, { [THIRD]: 0.6 }, 'publicly public message chat bulletin forum forums other'),
  // Legal compulsion.
  rule(/\b(?:good faith|law requires|legal action|violat(?:e|es|ing|ion of) (?:\w+ ){0,3}(?:law|terms|rights)|fraud (?:prevention|protection))\b/, { [THIRD]: 0.6 }, 'good law legal violate violates violating violation fraud'),
  rule(/\b(?:law enforcement|subpoenas?|court orders?|legal process|judicial proceeding|search warrants?|required (?:to do so )?by (?:applicable )?law|comply with (?:the )?(?:law|applicable law|legal|any applicable|a legal)|government(?:al)? (?:agenc|authorit|request|officials)|public authorities|protect (?:the |our )?(?:rights|property|safety))/, { [THIRD]: 1.0 }, 'law enforcement subpoena subpoenas court legal judicial search required comply government governmental public protect'),
  // The site by name: "Acme may share certain data with its affiliates".
  rule(/\b(?:may|will|might|can|could)(?<!\b(?:we|us|you|they|part(?:y|ies)|advertisers?|partners?|providers?) \w+) (?:also |only |not )?(?:share|disclose|sell|rent|release|transfer|exchange|give|pass)\b/, { [THIRD]: 0.6 }, 'share disclose sell rent release transfer exchange give pass'),
  // Corporate transactions.
  rule(/\b(?:merger|acquisition|acquired|bankruptcy|insolvency|sale of (?:all|some|substantially|our|the|its)|reorgani[sz]ation|change of control|divestiture|business transfers?|successor)\b/, { [THIRD]: 1.0 }, 'merger acquisition acquired bankruptcy insolvency sale reorganization reorganisation change divestiture business successor'),
  // Marketing by others.
  rule(/\b(?:for their (?:own )?(?:direct )?marketing|co-branded|joint marketing|marketing partners)\b/, { [THIRD]: 0.5 }, 'their co joint marketing'),
  // Others as the grammatical agent: "advertisers may collect", "collected by a third party", "allow partners to place cookies".
  rule(/\b{PARTIES}(?: (?:that|which|who)(?: \w+){1,6}?)? {MAY}(?:collect|use|place|set|serve|track|receive|obtain|gather|have access|access|see|record|contact)s?\b|\b(?:collected|gathered|obtained|used|accessed|placed|set|served|seen|read) (?:directly )?by (?:a |the |any |such |these |those |our )?(?:third|3rd|other|outside|advertisers?|partners|others|the public|anyone|vendors?|service providers?)/, { [THIRD]: 0.9 }, 'collect use place set serve track receive obtain gather have access see record contact collected gathered obtained used accessed placed served seen read'),
  rule(/\b(?:allow|permit|enable|let|authori[sz]e|engage|use|hire|employ|retain|work with) (?:\w+ ){0,2}{PARTIES}\b/, { [THIRD]: 0.6 }, 'allow permit enable let authorize authorise engage use hire employ retain work'),
  // Data handed on: "forwarded to the publisher", "given access", "on our behalf", "available to the public".
  rule(/\b(?:forward(?:ed|s)?|transmit(?:ted|s)?|send|sent|give|gives|given|provide[sd]?) (?:\w+ ){0,4}(?:to|with) (?:the |a |an |our |that |these |such )?(?:publisher|provider|sponsor|merchant|advertiser|partner|vendor|processor|third)|\b(?:have|be given|given|gain|granted) (?:temporary |limited )?access to (?:your |the |such |this |certain )?(?:personal )?(?:information|data)|\bon (?:our|its|their) behalf\b|\bavailable to (?:the public|other users|anyone|others)\b/, { [THIRD]: 0.6 }, 'forward forwarded forwards transmit transmitted transmits send sent give gives given provide provided provides have be gain granted behalf available'),

  // ---- User Choice/Control: opting out or in, consent, settings.
  rule(/\bopt(?:-| )?(?:out|in)\b|\bopting out\b/, { [CHOICE]: 1.0 }, 'opt opting'),
  // Options offered to the user: "we offer you the ability to", "you have the option not to", "withdraw consent".
  rule(/\b(?:offers?|give|gives|provides?) (?:you|users|visitors|customers|members) (?:with )?(?:the )?(?:ability|option|choice|opportunity|means|tools?)\b|\byou (?:always |also )?have (?:the )?(?:option|choice|ability) (?:to|not|of)\b|\b(?:revoke|withdraw|change) (?:your |their |his or her )?(?:consent|permission|authori[sz]ation)\b/, { [CHOICE]: 0.9 }, 'offer offers give gives provide provides have revoke withdraw change'),
  rule(/\bunsubscrib\w*|\bremove (?:yourself|your name|your e-?mail) from\b/, { [CHOICE]: 1.0 }, 'unsubscribe unsubscribed unsubscribing unsubscribes remove'),
  rule(/\byou (?:may|can|could|might|will be able to|have the (?:option|choice|ability|opportunity|right) to) (?:always |also |at any time |easily )?(?:choose|elect|decline|refuse|disable|turn off|block|reject|limit|withdraw|stop|adjust|control|manage|set|configure|change your (?:preferences|settings)|let us know|tell us|request that we not)\b/, { [CHOICE]: 1.0 }, 'choose elect decline refuse disable turn block reject limit withdraw stop adjust control manage set configure change let tell request'),
  rule(/\b(?:disable|block|refuse|reject|delete|remove|turn off|decline|manage|clear|erase|accept|control) (?:all |the |these |such |our |some |certain |any |existing |third[- ]party )?(?:cookies|tracking|flash cookies|local shared objects)\b/, { [CHOICE]: 0.8 }, 'cookies tracking objects'),
  rule(/\b(?:browser (?:settings|preferences|options|help)|set your browser|adjust your browser|configure your browser|your browser (?:to|settings|may|can|allows))\b/, { [CHOICE]: 0.7 }, 'browser'),
  rule(/\b(?:your choices?|choices? (?:you have|about|regarding)|privacy (?:settings|preferences|controls|options)|communication preferences|e-?mail preferences|account settings|preference (?:center|page))\b/, { [CHOICE]: 0.6 }, 'choice choices privacy communication mail email account preference'),
  rule(/\b(?:choice|choices|choose|preferences|settings)\b/, { [CHOICE]: 0.3 }, 'choice choices choose preferences settings'),
  rule(/\bif you (?:do not|don't|no longer|prefer not to|would (?:rather|prefer) not to) (?:want|wish|agree|like|consent)\b/, { [CHOICE]: 0.6 }, 'want wish agree like consent'),
  rule(/\b(?:with|without) your (?:prior |express |explicit |affirmative )?(?:consent|permission|authori[sz]ation)\b/, { [CHOICE]: 0.3 }, 'consent permission authorization authorisation'),
  rule(/\b(?:consent|permission)\b/, { [CHOICE]: 0.25 }, 'consent permission'),
  rule(/\b(?:optional|voluntar(?:y|ily)|not required to|are not obligated|at your discretion)\b/, { [CHOICE]: 0.5 }, 'optional voluntary voluntarily required obligated discretion'),
  rule(/\b(?:networkadvertising\.org|aboutads\.info|youronlinechoices|nai opt|daa|digital advertising alliance|network advertising initiative)\b/, { [CHOICE]: 0.9 }, 'networkadvertising aboutads youronlinechoices nai daa digital network'),

  // ---- User Access, Edit and Deletion: the user seeing, fixing or erasing their own data.
  // Verb pairs: "access and update", "review, correct or delete".
  rule(/\b(?:access|review|view|update|correct|edit|modify|change|amend|delete|remove|erase)(?:,? (?:and|or|and\/or) (?:to )?|, )(?:access|review|update|correct|edit|modify|change|amend|delete|remove|erase|rectify)\b/, { [ACCESS]: 0.9 }, 'access review view update correct edit modify change amend delete remove erase'),
  // A verb on the user's own record: "update your profile", "delete your account".
  rule(/\b(?:access|review|view|update|correct|edit|modify|change|amend|delete|remove|erase|deactivate|close|cancel|terminate) (?:your|their|the|any|such|this|that|his or her) (?:personal |account |profile |registration |contact |user |member )?(?:information|data|account|profile|details|registration|preferences|settings|membership|record)/, { [ACCESS]: 0.8 }, 'access review view update correct edit modify change amend delete remove erase deactivate close cancel terminate'),
  rule(/\bright (?:to|of) (?:access|rectification|erasure|correct|delete|know|request access)|\brequest (?:access|a copy|deletion|correction|that we (?:delete|correct|update|remove))/, { [ACCESS]: 1.0 }, 'right request'),
  rule(/\b(?:inaccura\w*|out of date|outdated|incorrect|incomplete|accurate and (?:complete|up to date))\b/, { [ACCESS]: 0.5 }, 'inaccurate inaccuracy inaccuracies out outdated incorrect incomplete accurate'),
  rule(/\b(?:my account|your account|account (?:page|settings)|profile page|log ?in to|logging in|sign in to)\b/, { [ACCESS]: 0.3 }, 'my your account profile login log logging sign'),

  // ---- Data Retention: how long data is kept.
  rule(/\b(?:retain|retains|retained|retaining|retention)\b/, { [RETENTION]: 1.1 }, 'retain retains retained retaining retention'),
  rule(/\b(?:keep|kept|keeps|store|stored|stores|storing|maintain|maintained|maintains|hold|held|preserve[ds]?|archive[ds]?)\b.{0,80}\b(?:for (?:a (?:limited |reasonable |certain )?period|up to|as long|at least|no longer|\d+|one|two|three|five|six|seven|twelve|eighteen|thirty|ninety)|until|indefinitely)\b/, { [RETENTION]: 0.8 }, 'keep kept keeps store stored stores storing maintain maintained maintains hold held preserve preserved preserves archive archived archives'),
  rule(/\b(?:as long as|for so long as|no longer than)\b/, { [RETENTION]: 0.6 }, 'long longer'),
  rule(/\b(?:no longer (?:needed|necessary|required)|period of time|(?:\d+|thirty|sixty|ninety) (?:days|months|years)|indefinitely|permanently|destroy(?:ed)?|purge[ds]?)\b/, { [RETENTION]: 0.4 }, 'longer period days months years indefinitely permanently destroy destroyed purge purged purges'),
  // A stated period: "for 90 days after they are made", "removed after 30 days".
  rule(/\b(?:for|after|within|up to|older than|beyond) (?:a period of )?(?:\d+|thirty|sixty|ninety|one|two|three|six|twelve|eighteen) (?:\w+ )?(?:days|weeks|months|years)\b/, { [RETENTION]: 0.7 }, 'days weeks months years'),
  rule(/\b(?:backup|back-up|archiv\w+) (?:copies|systems|media|records)\b|\bresidual copies\b/, { [RETENTION]: 0.6 }, 'backup back archive archived archives archival archiving residual'),

  // ---- Data Security: how data is protected.
  rule(/\b(?:secure|security|securely)\b/, { [SECURITY]: 0.7 }, 'secure security securely'),
  rule(/\b(?:encrypt\w*|ssl|tls|secure sockets? layer|https|firewalls?|intrusion|pci|penetration test\w*)\b/, { [SECURITY]: 1.0 }, 'encrypt encrypted encryption encrypts ssl tls sockets socket https firewall firewalls intrusion pci penetration'),
  rule(/\b(?:safeguards?|safeguarding)\b/, { [SECURITY]: 0.6 }, 'safeguard safeguards safeguarding'),
  rule(/\bprotect(?:s|ed|ing)? (?:the |your |such |all |this )?(?:personal |customer |user )?(?:information|data|privacy)\b|\bprotection of (?:your )?(?:personal )?(?:information|data)\b/, { [SECURITY]: 0.4 }, 'protect protects protected protecting protection'),
  rule(/\bunauthori[sz]ed (?:access|use|disclosure|alteration|acquisition)|\b(?:loss|misuse|theft|alteration)\b/, { [SECURITY]: 0.5 }, 'unauthorized unauthorised loss misuse theft alteration'),
  rule(/\b(?:physical|electronic|administrative|technical|procedural|managerial|organi[sz]ational)(?:,)? (?:and |or )?(?:physical |electronic |administrative |technical |procedural |managerial |organi[sz]ational )?(?:safeguards|measures|security|controls|procedures|protections)\b/, { [SECURITY]: 0.9 }, 'safeguards measures security controls procedures protections'),
  rule(/\b(?:(?:100|one hundred) ?(?:%|percent) secure|(?:cannot|can ?not|can't|do not) (?:guarantee|ensure|warrant) (?:the )?(?:security|that))\b|\bno (?:method|system|data transmission|transmission)\b/, { [SECURITY]: 0.8 }, 'secure guarantee ensure warrant no'),
  rule(/\b(?:password|need to know|restrict(?:ed|s)? access|access (?:is )?(?:limited|restricted)|industry[- ]standard|reasonable (?:steps|measures|precautions))\b/, { [SECURITY]: 0.35 }, 'password need restrict restricted restricts access industry reasonable'),
  // The user's part in security: "keep your password in a safe place", "sign off on a shared computer".
  rule(/\b(?:(?:keep|protect|safeguard) (?:your |the )?(?:user ?name|password|account|login)|sign (?:off|out)|log (?:off|out)|shared computer|confidentiality of (?:your )?(?:password|account)|(?:do not|never) (?:share|divulge|disclose|reveal) (?:your )?(?:password|user ?name))\b/, { [SECURITY]: 0.9 }, 'keep protect safeguard sign log shared confidentiality do never'),
  rule(/\b(?:stored|kept|maintained) separately\b|\b(?:required|obligated|contractually bound) to (?:protect|keep (?:\w+ ){0,3}(?:confidential|secure))\b/, { [SECURITY]: 0.6 }, 'stored kept maintained required obligated contractually'),
  // "Social security number" is a kind of data, not a security practice.
  rule(/\bsocial security\b/, { [SECURITY]: -0.7 }, 'social'),

  // ---- Policy Change: how changes to the policy are made and announced.
  rule(/\b(?:change|update|modify|revise|amend|alter)s? (?:to )?(?:this|our|the|these) (?:\w+ )?{POLICY}/, { [CHANGE]: 1.0 }, 'change update modify revise amend alter changes updates modifies revises amends alters'),
  rule(/\b(?:this|our|the) {POLICY} (?:\w+ )?(?:may|will|might|can|is subject to) (?:be )?(?:change|update|modif|revis|amend|alter|from time to time)/, { [CHANGE]: 1.0 }, 'policy statement notice policies'),
  rule(/\b(?:changes|updates|modifications|revisions|amendments|alterations) (?:to|in|of) (?:this|our|the) (?:\w+ )?{POLICY}/, { [CHANGE]: 1.0 }, 'changes updates modifications revisions amendments alterations'),
  rule(/\b(?:revised|updated|modified|amended|new) (?:version of (?:this|our|the) )?{POLICY}/, { [CHANGE]: 0.6 }, 'revised updated modified amended new'),
  rule(/\b(?:material(?:ly)? chang\w+|effective date|changes? (?:will be|are) (?:effective|posted)|post(?:ing)? (?:the|any|those|such) changes|check (?:this page|back|periodically)|review (?:this|the) (?:\w+ )?{POLICY} periodically|periodically review)\b/, { [CHANGE]: 0.6 }, 'material materially effective changes change post posting check review periodically'),
  rule(/\b(?:continued use|continue to use)\b/, { [CHANGE]: 0.35 }, 'continued continue'),
  // A new use of data announced in advance, and the right to change: "use it in a manner different from", "subject to change".
  rule(/\b(?:in a (?:manner|way) (?:different|not described|inconsistent)|(?:manner|way) not (?:described|disclosed)|subject to change|reserves? the right to (?:change|modify|amend|update|revise|alter))\b/, { [CHANGE]: 0.8 }, 'manner way subject reserve reserves'),
  // The policy's date: "Last updated: 2 May 2014" (Other's introduction, and a change notice).
  rule(/\b(?:last (?:updated|revised|modified|amended)|revision date|(?:was|were) (?:last )?(?:revised|updated|modified|amended) (?:on |as of )?(?:\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec))/, { [CHANGE]: 0.7 }, 'last revision was were'),
  rule(/\bfrom time to time\b/, { [CHANGE]: 0.2 }, 'time'),

  // ---- Do Not Track: the browser signal, by name or abbreviation.
  rule(/\bdo[- ]not[- ]track\b|\bdnt\b/, { [DNT]: 2.0 }, 'track dnt'),

  // ---- International and Specific Audiences: children, residents of a place, cross-border transfers.
  rule(/\b(?:children|child's|childrens|child|kids|minors?|teens?|teenagers?|under (?:the age of )?(?:1[2-8]|thirteen|eighteen)|coppa|younger than)\b/, { [AUDIENCE]: 1.2 }, 'children child childrens kids minor minors teen teens teenager teenagers under coppa younger'),
  rule(/\b(?:parents?|parental|guardians?)\b/, { [AUDIENCE]: 0.5 }, 'parent parents parental guardian guardians'),
  rule(/\b(?:california|shine the light|1798\.8\d|nevada|vermont|massachusetts)\b/, { [AUDIENCE]: 1.2 }, 'california shine 1798 nevada vermont massachusetts'),
  rule(/\b(?:eu|e\.u\.|european|europe|eea|switzerland|swiss|canad\w+|japan\w*|australia\w*|united kingdom|u\.k\.|brazil|india|mexico|china|korea)\b/, { [AUDIENCE]: 1.0 }, 'eu e european europe eea switzerland swiss canada canadian canadians japan japanese australia australian united u brazil india mexico china korea'),
  rule(/\b(?:safe harbou?r|privacy shield|outside (?:of )?(?:the united states|the u\.s\.|the us|your (?:home )?country|the eea|the european)|(?:to|in) the united states|international (?:users|visitors|transfers?)|cross-border|other countries|country of residence|residents? of)\b/, { [AUDIENCE]: 1.0 }, 'safe privacy outside united international cross other country residents resident'),

  // ---- Other: introductions, scope, contact details, links out, general statements.
  // Scope and purpose of the policy itself: "This policy describes what we collect..." is not a practice.
  rule(/\b(?:this|our|the following) (?:document|page|{POLICY})\b.{0,80}\b(?:describes|explains|applies|discloses|outlines|covers|sets (?:out|forth)|tells you|informs|is intended|purpose|is designed|governs|does not apply|only applies)\b/, { [OTHER]: 1.4, [FIRST]: -1.0, [THIRD]: -0.5, [ACCESS]: -0.8, [CHOICE]: -0.6, [SECURITY]: -0.5 }, 'describes explains applies discloses outlines covers sets tells informs intended purpose designed governs apply applies'),
  // A table of contents in prose: "what information we collect, how we use it and with whom we share it".
  rule(/\b(?:what|which|the types of|the kinds of) (?:personal )?(?:information|data)\b.{0,60}\b(?:how we|with whom|why we|how (?:it|this information) is)\b/, { [OTHER]: 1.0, [FIRST]: -1.0, [THIRD]: -0.5 }, 'what which types kinds'),
  rule(/\b(?:we (?:respect|value|are committed to|take) (?:the |your )?privacy|privacy (?:very )?seriously|your privacy is (?:important|very important)|committed to (?:protecting|safeguarding|respecting) (?:your|the) privacy)\b/, { [OTHER]: 1.0, [SECURITY]: -0.5 }, 'respect value committed seriously important'),
  // Contact details and questions about the policy.
  rule(/\b(?:contact us|contacting us|questions|comments|concerns|complaints?|write to us|e-?mail us|call us|reach us|inquiries)\b/, { [OTHER]: 0.55 }, 'contact contacting questions comments concerns complaint complaints write mail email call reach inquiries'),
  rule(/\b(?:\d{3}[-.) ]{1,2}\d{3}[-. ]\d{4}|p\.? ?o\.? box|suite \d+|attn|attention:|[a-z0-9._-]+@[a-z0-9.-]+\.[a-z]{2,}|privacy officer|(?:street|avenue|blvd|road|drive)\b.{0,40}\b\d{5})/, { [OTHER]: 0.6 }, ''),
  rule(/\b(?:please read|read this|by (?:using|visiting|accessing) (?:this|the|our) (?:web ?)?(?:site|services?|website)|you (?:agree|accept|consent) to (?:the terms|this|these)|terms (?:of|and) (?:use|service|conditions))\b/, { [OTHER]: 0.4 }, 'please read using visiting accessing agree accept consent terms'),
  // Links out, and disclaimers about other sites' practices.
  rule(/\b(?:links? to (?:other|third[- ]party|external|non-\w+) (?:web ?)?(?:sites?|pages|services)|not responsible for (?:the )?(?:privacy |content|practices)|(?:other|third[- ]party|linked) (?:web ?)?sites? (?:may |will |have |are )|we (?:do not|don't|cannot) control (?:the|their|those|these))/, { [OTHER]: 1.0, [FIRST]: -0.4 }, 'links link responsible sites site websites website control'),
  // Certifications, self-regulation, definitions.
  rule(/\b(?:truste|bbbonline|certification|certified|seal program|self-regulatory|definitions?|refers? to|means any|as used in this)\b/, { [OTHER]: 0.4 }, 'truste bbbonline certification certified seal self definition definitions refer refers means used'),
  // Table-of-contents style questions: "what information do we collect?".
  rule(/\b(?:what|how|why|when|who|where) (?:\w+ ){0,3}(?:do|does|is|are|can) (?:we|you|i)\b.{0,60}\?/, { [OTHER]: 0.3 }, 'what how why when who where'),
  // A table of contents: "this policy covers the following" (several questions: see TOC_QUESTIONS).
  rule(/\b(?:covers the following|click on the links below|(?:the following|these) (?:topics|sections)|jump to)\b/, { [OTHER]: 1.0, [FIRST]: -0.6 }, 'covers click following these jump'),
  // Definitions, Other's "Introductory/Generic": "Aggregate information means ...", "a cookie is a small file".
  rule(/^(?:[\w-]+ ){1,4}(?:means|refers to|is defined as)\b|\b(?:when we use the term|we (?:use the term|mean)|we consider|is a scam|what is (?:"|a )?phishing)\b/, { [OTHER]: 1.1, [FIRST]: -0.6 }, 'means refers defined when we is are what'),
  // Where the reader is sent elsewhere or told what the policy does not cover ("Practice not covered").
  rule(/\b(?:not covered by|does not cover|is not covered|(?:maintains|has) (?:a |its )?separate privacy|(?:governed|covered) by (?:their|its|such|that|the) (?:\w+ ){0,4}(?:privacy )?(?:polic|statement|notice|terms)|see (?:the )?(?:section|below|above)|learn more|described (?:below|above) in)\b/, { [OTHER]: 0.7 }, 'not does is maintains has governed covered see learn described'),
  // The reader's own responsibility, and disclaimers of responsibility.
  rule(/\b(?:you are responsible for|please (?:keep in mind|be (?:aware|careful))|we (?:are not|cannot be|shall not be) (?:responsible|liable)|not responsible for|do not (?:assume|accept) (?:any )?responsibility)\b/, { [OTHER]: 0.6 }, 'responsible please keep aware careful liable assume accept'),
  // Statements of commitment and dedication: "Acme is dedicated to protecting your privacy".
  rule(/\b(?:dedicated to|committed to|cares? about) (?:protecting |respecting |safeguarding )?(?:your |our (?:users'|customers'|visitors') )?privacy\b/, { [OTHER]: 0.8, [SECURITY]: -0.5 }, 'dedicated committed care cares'),
  // Dates of the policy: "Last updated: March 2014", "effective as of".
  rule(/\b(?:last (?:updated|revised|modified)|effective (?:date|as of)|(?:updated|revised|dated) (?:on |as of )?(?:january|february|march|april|may|june|july|august|september|october|november|december|\d{1,2}\/))/, { [OTHER]: 0.8 }, 'last effective updated revised dated'),
];

// ---- Chinese (zh-Hans) passages: the same practices in the vocabulary of PIPL-era policies. Only run when
// the passage contains Han characters; no trigger words (Chinese has no spaces to split words on).
const ZH_RULES: readonly Rule[] = [
  // Collection and use by the operator: "我们会收集", "使用您的个人信息".
  rule(/我们(?:会|将|可能|还会|仅会|需要)?(?:收集|采集|获取|记录|使用|处理)/, { [FIRST]: 1.2 }, ''),
  rule(/收集|采集|获取您的|使用您的|个人信息的使用|设备信息|日志信息|位置信息|手机号码|身份证/, { [FIRST]: 0.5 }, ''),
  // Sharing, transfer, public disclosure, entrusted processing.
  rule(/共享|转让|公开披露|对外提供|提供给第三方|委托处理|向第三方提供/, { [THIRD]: 1.1 }, ''),
  rule(/第三方|合作伙伴|关联公司|广告主|服务提供商|SDK/i, { [THIRD]: 0.4 }, ''),
  // Choice: withdrawing consent, unsubscribing, switching off personalisation.
  rule(/撤回(?:您的)?(?:授权)?同意|取消订阅|退订|关闭个性化|拒绝接收|您可以(?:选择|拒绝|关闭)|隐私设置/, { [CHOICE]: 1.1 }, ''),
  rule(/同意|授权|选择/, { [CHOICE]: 0.3 }, ''),
  // The data subject's rights: access, copy, correct, delete, close the account.
  rule(/查阅|复制|更正|补充|删除(?:您的)?个人信息|注销(?:账户|账号)|修改(?:您的)?个人信息/, { [ACCESS]: 1.1 }, ''),
  // Retention periods.
  rule(/保存期限|存储期限|保留期限|最短(?:时间|期限)|存储(?:在|于)?.{0,8}(?:期间|年|个月)|保存(?:在|于)?.{0,8}(?:期间|年|个月)|超出.{0,6}期限/, { [RETENTION]: 1.2 }, ''),
  // Security measures.
  rule(/安全措施|加密|安全技术|防止.{0,12}(?:泄露|丢失|篡改|未经授权)|安全事件|访问控制/, { [SECURITY]: 1.1 }, ''),
  // Changes to the policy.
  rule(/(?:本|此|该)(?:隐私)?(?:政策|指引)(?:可能)?(?:会|将)?(?:适时)?(?:更新|变更|修改|修订)|(?:更新|变更|修改|修订)(?:本|此)(?:隐私)?(?:政策|指引)/, { [CHANGE]: 1.2 }, ''),
  // Do Not Track, in Chinese.
  rule(/请勿追踪|禁止追踪/, { [DNT]: 2.0 }, ''),
  // Children and minors; cross-border transfers.
  rule(/儿童|未成年人|不满(?:十四|14|十八|18)周岁|监护人|境外|跨境/, { [AUDIENCE]: 1.2 }, ''),
  // Contact details and introductions.
  rule(/联系我们|如有(?:任何)?(?:疑问|问题)|客服|电子邮箱|本(?:隐私)?政策(?:适用于|旨在|说明)/, { [OTHER]: 0.8 }, ''),
];
const HAN = /[\u3400-\u9fff]/;
const HAN_CHARS = /[\u3400-\u9fff]/g;

const LEAD_RULES: readonly Rule[] = [
  rule(/\b(?:information (?:we|you) (?:collect|provide|give|gather|receive)|(?:information|data) collect(?:ed|ion)|collection|use of (?:your |personal |the )?(?:information|data)|how we use|cookies|web beacons|log (?:files|data)|ip address|registration|automatically)\b/, { [FIRST]: 0.5 }, 'information data collection use how cookies web log ip registration automatically'),
  rule(/\b(?:shar(?:e|ing)|disclos(?:e|ure)|third[- ]part(?:y|ies)|service providers|affiliates|advertis\w+|business transfers|legal (?:requirements|process)|law enforcement|partners)\b/, { [THIRD]: 0.5 }, 'share sharing disclose disclosure third party parties service affiliates business legal law partners advertising advertisers advertisement advertisements advertise'),
  rule(/\b(?:choices?|opt(?:-| )?(?:out|in)|preferences|unsubscrib\w*|consent|control)\b/, { [CHOICE]: 0.5 }, 'choice choices opt opting preferences unsubscribe unsubscribing consent control'),
  rule(/\b(?:access(?:ing)?|correct(?:ing|ion)?|updat(?:e|ing)|review(?:ing)?|delet(?:e|ing|ion)|edit(?:ing)?)\b/, { [ACCESS]: 0.4 }, 'access accessing correct correcting correction update updating review reviewing delete deleting deletion edit editing'),
  rule(/\b(?:retention|retain|storage|how long)\b/, { [RETENTION]: 0.5 }, 'retention retain storage long'),
  rule(/\b(?:security|secure|protect(?:ion|ing)?|safeguard\w*)\b/, { [SECURITY]: 0.6 }, 'security secure protect protection protecting safeguard safeguards safeguarding'),
  rule(/\b(?:changes?|updates?|revisions?|amendments?|modifications?) (?:to|in|of) (?:this|our|the)\b/, { [CHANGE]: 0.6 }, 'changes change updates update revisions revision amendments amendment modifications modification'),
  rule(/\b(?:children|child's|kids|minors|california|international|european|outside the|residents|visitors from)\b/, { [AUDIENCE]: 0.5 }, 'children child kids minors california international european outside residents visitors'),
  rule(/\b(?:contact|questions|introduction|links?|scope|definitions?|about (?:us|this)|effective date|terms|overview)\b/, { [OTHER]: 0.5 }, 'contact questions introduction link links scope definition definitions about effective terms overview'),
];
const LEAD_WORDS = /^(?:\S+\s+){0,11}\S*/;
/** Latin words and digits (the trigger vocabulary). */
const TOKEN = /[a-z0-9]+/g;

/** Passages shorter than this many words are headings or fragments: mostly 'Other'. */
const HEADING_WORDS = 5;
const SHORT_PASSAGE_WORDS = 9;
/**
 * Points a category needs (1 = the default). Categories with distinctive vocabulary (retention, security,
 * audiences, policy change, access) need less; Other's cues (headings, contact details, scope) are weak one by
 * one. Set by hand against the train split's errors.
 */
const THRESHOLD: Record<Opp115Category, number> = {
  [FIRST]: 1,
  [THIRD]: 1,
  [CHOICE]: 1,
  [ACCESS]: 0.7,
  [RETENTION]: 0.6,
  [SECURITY]: 0.8,
  [CHANGE]: 0.7,
  [DNT]: 1.1,
  [AUDIENCE]: 0.6,
  [OTHER]: 0.6,
};
/**
 * Most passages speak to one practice (about 4 in 5), a few to two, rarely three: besides the strongest
 * category, another is reported only when it is at least this fraction of the strongest (relative to its
 * threshold). Collection and choice words turn up in passages about almost everything, so as a second label
 * they must be nearly as strong as the first; sharing often accompanies collection, so it needs less.
 */
const SECONDARY_RATIO: Record<Opp115Category, number> = {
  [FIRST]: 0.9,
  [THIRD]: 0.6,
  [CHOICE]: 0.9,
  [ACCESS]: 0.7,
  [RETENTION]: 0.7,
  [SECURITY]: 0.7,
  [CHANGE]: 0.9,
  [DNT]: 0.3,
  [AUDIENCE]: 0.6,
  [OTHER]: 0.5,
};
/** A category this many times its threshold is reported whatever the strongest one (a passage that clearly speaks to two practices). */
const STRONG_ON_ITS_OWN = 3;
/** At most this many categories per passage. */
const MAX_LABELS = 3;

/** Lower-case and tidy a passage once, so every pattern can be written in lower case. */
function normalize(text: string): string {
  return text.toLowerCase().replace(/[\u2018\u2019\u02bc]/g, "'").replace(/[\u201c\u201d]/g, '"').replace(/\s+/g, ' ').trim();
}

/** Adds the evidence of the rules that match `t` to `scores` (indexed like OPP115_CATEGORIES). */
function apply(rules: readonly Rule[], t: string, words: ReadonlySet<string>, scores: Float64Array): void {
  const vocabulary = new Float64Array(N);
  for (const r of rules) {
    if (r.triggers.length > 0) {
      let triggered = false;
      for (const w of r.triggers) {
        if (words.has(w)) {
          triggered = true;
          break;
        }
      }
      if (!triggered) continue;
    }
    if (!r.re.test(t)) continue;
    for (const [i, points] of r.effects) {
      if (r.vocabulary) vocabulary[i] = (vocabulary[i] ?? 0) + points;
      else scores[i] = (scores[i] ?? 0) + points;
    }
  }
  for (let i = 0; i < N; i++) scores[i] = (scores[i] ?? 0) + Math.min(VOCABULARY_CAP, vocabulary[i] ?? 0);
}

/** Lower-case words a Title Case heading may contain ("Sharing of Your Information"). */
const HEADING_SMALL = new Set('a an and or of the to in on for with by from about at as is are do does we you your our us how what why when who which this its their'.split(' '));
const HEADING_MAX_WORDS = 12;
/** A section heading on its own: a few words, no sentence punctuation, every word capitalised or small. */
function looksLikeHeading(raw: string): boolean {
  const trimmed = raw.trim();
  if (/[.;!,]\s|[.;!]$/.test(trimmed.replace(/^(?:[ivx]+|\d+|[a-z])\.\s+/i, ''))) return false;
  const words = trimmed.match(/[A-Za-z][A-Za-z'’-]*/g);
  if (!words || words.length > HEADING_MAX_WORDS) return false;
  for (const w of words) if (!/^[A-Z]/.test(w) && !HEADING_SMALL.has(w)) return false;
  return true;
}
/** A short lead-in to a list ("We use your information for these purposes:") introduces, it does not state. */
const LEAD_IN_MAX_WORDS = 25;
const LEAD_IN_FACTOR = 0.5;
const LEAD_IN_OTHER = 1.0;
/** Three or more questions in one passage: a table of contents ("What do we collect? Who do we share it with? ..."). */
const TOC_QUESTIONS = 3;

function countChar(t: string, ch: string): number {
  let n = 0;
  for (let i = t.indexOf(ch); i >= 0; i = t.indexOf(ch, i + 1)) n++;
  return n;
}

function scoreArray(text: string): Float64Array {
  const t = normalize(text);
  const tokens = t.match(TOKEN) ?? [];
  const words = new Set(tokens);
  const scores = new Float64Array(N);
  apply(RULES, t, words, scores);
  apply(LEAD_RULES, LEAD_WORDS.exec(t)?.[0] ?? '', words, scores);
  let wordCount = tokens.length;
  if (HAN.test(t)) {
    apply(ZH_RULES, t, words, scores);
    wordCount += (t.match(HAN_CHARS)?.length ?? 0) / 2; // about two characters per Chinese word
  }
  for (let i = 0; i < N; i++) scores[i] = Math.max(0, scores[i] ?? 0);
  // Structure, Other's "Introductory/Generic" sub-type: a heading alone, or a lead-in ending with a colon.
  if (wordCount <= HEADING_MAX_WORDS && looksLikeHeading(text)) {
    for (let i = 0; i < OTHER_INDEX; i++) scores[i] = (scores[i] ?? 0) * 0.25;
    scores[OTHER_INDEX] = (scores[OTHER_INDEX] ?? 0) + 1.5;
  } else if (wordCount <= LEAD_IN_MAX_WORDS && t.endsWith(':')) {
    for (let i = 0; i < OTHER_INDEX; i++) scores[i] = (scores[i] ?? 0) * LEAD_IN_FACTOR;
    scores[OTHER_INDEX] = (scores[OTHER_INDEX] ?? 0) + LEAD_IN_OTHER;
  }
  if (countChar(t, '?') >= TOC_QUESTIONS) {
    for (let i = 0; i < OTHER_INDEX; i++) scores[i] = (scores[i] ?? 0) * 0.5;
    scores[OTHER_INDEX] = (scores[OTHER_INDEX] ?? 0) + 1.2;
  }
  // Headings and fragments: a few words are rarely a practice statement on their own.
  // (A list item ending with ";" is part of a list of purposes or data, not a heading.)
  if (wordCount < SHORT_PASSAGE_WORDS && !t.endsWith(';')) {
    const factor = wordCount < HEADING_WORDS ? 0.25 : 0.5;
    for (let i = 0; i < OTHER_INDEX; i++) scores[i] = (scores[i] ?? 0) * factor;
    scores[OTHER_INDEX] = (scores[OTHER_INDEX] ?? 0) + 0.5;
  }
  return scores;
}

/** Per-category scores for explanation and debugging (1 = enough evidence on its own). */
export function scorePassage(text: string): Record<Opp115Category, number> {
  const scores = scoreArray(text);
  return Object.fromEntries(OPP115_CATEGORIES.map((c, i) => [c, scores[i] ?? 0])) as Record<Opp115Category, number>;
}

const THRESHOLDS = OPP115_CATEGORIES.map((c) => THRESHOLD[c]);
const RATIOS = OPP115_CATEGORIES.map((c) => SECONDARY_RATIO[c]);

/** Multi-label: the categories a passage speaks to, strongest first; never empty (falls back to 'Other'). */
export function classifyPassage(text: string): Opp115Category[] {
  const scores = scoreArray(text);
  // Scores relative to each category's threshold: >= 1 means "enough evidence".
  let top = 0;
  for (let i = 0; i < N; i++) {
    scores[i] = (scores[i] ?? 0) / (THRESHOLDS[i] ?? 1);
    top = Math.max(top, scores[i] ?? 0);
  }
  if (top < 1) return [OTHER];
  const picked: number[] = [];
  for (let i = 0; i < N; i++) {
    const v = scores[i] ?? 0;
    if (v >= 1 && (v === top || v >= (RATIOS[i] ?? 1) * top || v >= STRONG_ON_ITS_OWN)) picked.push(i);
  }
  picked.sort((a, b) => (scores[b] ?? 0) - (scores[a] ?? 0));
  return picked.slice(0, MAX_LABELS).map((i) => OPP115_CATEGORIES[i] as Opp115Category);
}
