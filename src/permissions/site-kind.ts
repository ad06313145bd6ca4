/**
 * What kind of site a page is, inferred on the device from the page itself: schema.org types
 * (JSON-LD and microdata), og:type, and kind-specific words (en, zh-Hans, de, fr) in the title,
 * description, keywords, h1, navigation links and buttons. Used to judge whether a permission
 * request fits the site (needs.ts). Runs in the content script only when a page requests a
 * permission, so it stays small: data tables plus one scoring pass, regexes built at load.
 */
import type { SiteKind } from './model.ts';

/** Page text read for vocabulary, in UTF-16 units, and the most elements whose text is read. */
export const MAX_TEXT = 20_000;
export const MAX_ELEMENTS = 300;
/** JSON-LD blocks longer than this are skipped (a product feed, not the page's own type). */
const MAX_JSON_LD = 100_000;
const MAX_SIGNALS = 8;
const MAX_SIGNAL_LENGTH = 80;

/** Points: a schema.org type of the page's main item; an og:type is given its own weight below. */
const SCHEMA_POINTS = 3;
/** A kind wins with at least this many points and strictly more than any other kind. */
const MIN_POINTS = 2;

/**
 * schema.org types that say what a page's main item is. Only types that name a kind of site:
 * generic ones (WebPage, Article, Organization, VideoObject, Place) are left out.
 */
const SCHEMA_TYPES: Partial<Record<SiteKind, string>> = {
  news: 'NewsArticle NewsMediaOrganization LiveBlogPosting',
  shop: 'Product ProductGroup Offer Store',
  'maps-travel': 'Map TouristAttraction Trip Flight Hotel',
  social: 'SocialMediaPosting DiscussionForumPosting ProfilePage',
  'bank-finance': 'BankOrCreditUnion FinancialService FinancialProduct',
  game: 'VideoGame',
  'video-streaming': 'Movie TVSeries TVEpisode',
  education: 'Course EducationalOrganization School',
  health: 'MedicalOrganization Hospital Physician MedicalWebPage',
  search: 'SearchResultsPage',
  government: 'GovernmentOrganization GovernmentService',
  'food-delivery': 'Restaurant FoodEstablishment',
  'ride-hailing': 'TaxiService',
};

/**
 * og:type (Open Graph) by its part before the dot ("video.movie" → "video"), with the points it
 * gives its kind; `article` and `profile` are weak (blogs and many sites use them).
 */
const OG_TYPES = new Map<string, [SiteKind, number]>([
  ['article', ['news', 1]],
  ['product', ['shop', 2]],
  ['video', ['video-streaming', 2]],
  ['restaurant', ['food-delivery', 2]],
  ['profile', ['social', 1]],
  ['game', ['game', 1]],
]);

/**
 * Words and phrases per kind, lower case, `|`-separated regex fragments (en | zh-Hans | de | fr).
 * Each distinct phrase found is one point. Latin-script phrases match whole words; Chinese ones
 * match anywhere (no word spaces). Generic words that appear on any site ("news", "account",
 * "menu", "learn more", "delivery", "share") are left out on purpose.
 */
const VOCABULARY: Partial<Record<SiteKind, string>> = {
  news: 'breaking news|latest news|headlines|politics|新闻|头条|要闻|nachrichten|eilmeldung|politik|actualités|à la une|politique',
  shop:
    'add to (?:cart|bag|basket)|checkout|buy now|加入购物车|购物车|立即购买|in den warenkorb|warenkorb|jetzt kaufen|ajouter au panier|panier',
  'maps-travel': 'directions|routes?|maps?|nearby|flights|hotels|导航|路线|地图|附近|routenplaner|flüge|itinéraires?|vols|hôtels',
  'video-call':
    'join (?:a )?meeting|start (?:a )?meeting|meeting id|video ?call|webinar|share screen|加入会议|会议|视频通话|' +
    'meeting beitreten|videokonferenz|rejoindre (?:la )?réunion|réunion|visioconférence',
  social: 'followers?|following|friends|news ?feed|retweets?|关注|粉丝|好友|点赞|freunde|abonnés|abonnements|amis',
  'bank-finance':
    'online banking|banking|bank|loans?|mortgages?|credit cards?|savings|网上银行|网银|银行|贷款|理财|' +
    'girokonto|kredit|banque en ligne|banque|épargne|carte bancaire',
  game: 'play now|games?|gaming|leaderboard|high ?scores?|游戏|玩家|spiele|jetzt spielen|jeux|jouer',
  'video-streaming': 'watch now|episodes?|season \\d+|movies|tv shows|streaming|电视剧|电影|在线观看|filme|staffel|films?|épisodes?|saison',
  education: 'courses|lessons|students|teachers|quiz|课程|学生|老师|考试|kurse|schüler|lernen|cours en ligne|élèves|étudiants|formation',
  health: 'symptoms?|doctors?|patients?|clinic|hospital|pharmacy|医院|医生|挂号|健康|arzt|ärzte|klinik|apotheke|médecins?|santé|pharmacie',
  search: 'search results|results for|搜索结果|百度一下|suchergebnisse|ergebnisse für|résultats de recherche|résultats pour',
  'email-productivity': 'inbox|compose|drafts|spam|calendar|收件箱|写邮件|草稿箱|日历|posteingang|entwürfe|kalender|boîte de réception|brouillons',
  government:
    'government|ministry|citizens?|public services?|passports?|政府|政务|办事|' +
    'bundesregierung|behörde|bürger|ministère|gouvernement|service public|impôts',
  'food-delivery': 'order food|food delivery|takeaway|restaurants?|外卖|点餐|餐厅|lieferdienst|essen bestellen|speisekarte|livraison de repas|à emporter',
  'ride-hailing': 'rides?|drivers?|taxis?|pick-?up|打车|叫车|网约车|出租车|司机|fahrt bestellen|fahrer|vtc|chauffeurs?',
  dating: 'dating|singles?|swipe|交友|约会|相亲|婚恋|单身|partnersuche|flirt|site de rencontres?|célibataires?',
};

/** schema.org type → kind. */
const KIND_OF_TYPE = new Map<string, SiteKind>(
  Object.entries(SCHEMA_TYPES).flatMap(([kind, types]) => types.split(' ').map((type) => [type, kind as SiteKind] as const)),
);

/** Kind → one regex: Latin phrases with no Latin letter (a-z, ß-ÿ) either side, Chinese phrases anywhere. */
const WORDS: [SiteKind, RegExp][] = Object.entries(VOCABULARY).map(([kind, source]) => {
  const cjk = source.split('|').filter((phrase) => /[\u4e00-\u9fff]/u.test(phrase));
  const latin = source.split('|').filter((phrase) => !cjk.includes(phrase));
  return [kind as SiteKind, new RegExp(`(?<![a-zß-ÿ])(?:${latin.join('|')})(?![a-zß-ÿ])|${cjk.join('|')}`, 'g')];
});

/** The page's own schema.org types: top-level JSON-LD items (and @graph, mainEntity) and microdata. */
function schemaTypes(doc: Document): string[] {
  const types: string[] = [];
  const visit = (node: unknown, depth: number): void => {
    if (depth > 3 || node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const item of node) visit(item, depth + 1);
      return;
    }
    const record = node as Record<string, unknown>;
    const type = record['@type'];
    for (const name of Array.isArray(type) ? type : [type]) {
      if (typeof name === 'string') types.push(name.slice(name.search(/[^/:#]*$/u))); // "https://schema.org/X" → "X"
    }
    visit(record['@graph'], depth + 1);
    visit(record['mainEntity'], depth + 1);
  };
  for (const script of doc.querySelectorAll('script[type="application/ld+json"]')) {
    const json = script.textContent ?? '';
    if (json.length > MAX_JSON_LD) continue;
    try {
      visit(JSON.parse(json), 0);
    } catch {
      // Broken JSON-LD is common; the page's other signals still count.
    }
  }
  // Items nested in another item carry `itemprop`; only top-level items say what the page is.
  for (const item of doc.querySelectorAll('[itemtype]:not([itemprop])')) {
    for (const url of (item.getAttribute('itemtype') ?? '').split(/\s+/u)) types.push(url.slice(url.lastIndexOf('/') + 1));
  }
  return types;
}

/**
 * Title, description, keywords, then h1, navigation links and buttons in page order: at most
 * MAX_ELEMENTS elements, each text once (a listing repeats "Add to cart" hundreds of times), and
 * at most MAX_TEXT characters. Lower case, whitespace collapsed.
 */
function pageText(doc: Document): string {
  const parts = new Set([doc.title]);
  for (const meta of doc.querySelectorAll('meta[name="description"], meta[name="keywords"]')) parts.add(meta.getAttribute('content') ?? '');
  const elements = [...doc.querySelectorAll('h1, nav a, header a, button, [role="button"], input[type="submit"]')];
  for (const el of elements.slice(0, MAX_ELEMENTS)) parts.add((el.textContent || el.getAttribute('value') || '').slice(0, 200));
  return [...parts].join(' | ').slice(0, MAX_TEXT).toLowerCase().replace(/\s+/gu, ' ');
}

/**
 * Guess the kind of site `doc` belongs to. `signals` are short reasons, strongest kind first; when
 * no kind clearly wins the kind is 'other' and `signals` starts with "no clear kind", then lists
 * what was considered.
 */
export function inferSiteKind(doc: Document): { kind: SiteKind; signals: string[] } {
  const scores = new Map<SiteKind, { points: number; reasons: string[] }>();
  const add = (kind: SiteKind, points: number, reason: string): void => {
    const score = scores.get(kind) ?? { points: 0, reasons: [] };
    score.points += points;
    score.reasons.push(reason.slice(0, MAX_SIGNAL_LENGTH));
    scores.set(kind, score);
  };

  // One schema.org type per kind counts: a product page lists Product, Offer, AggregateOffer…
  const schemaKinds = new Set<SiteKind>();
  for (const type of schemaTypes(doc)) {
    const kind = KIND_OF_TYPE.get(type);
    if (kind && !schemaKinds.has(kind)) {
      schemaKinds.add(kind);
      add(kind, SCHEMA_POINTS, `schema.org ${type}`);
    }
  }
  const ogType = doc.querySelector('meta[property="og:type"]')?.getAttribute('content')?.trim().toLowerCase() ?? '';
  const og = OG_TYPES.get(ogType.split('.')[0] ?? '');
  if (og) add(og[0], og[1], `og:type ${ogType}`);

  const text = pageText(doc);
  for (const [kind, regex] of WORDS) {
    const words = new Set(Array.from(text.matchAll(regex), (match) => match[0]));
    if (words.size > 0) add(kind, words.size, `${kind} words: ${[...words].join(', ')}`);
  }

  const ranked = [...scores].sort((a, b) => b[1].points - a[1].points);
  const [best, second] = ranked;
  const signals = ranked.flatMap(([, score]) => score.reasons);
  if (best && best[1].points >= MIN_POINTS && best[1].points > (second?.[1].points ?? 0)) {
    return { kind: best[0], signals: signals.slice(0, MAX_SIGNALS) };
  }
  return { kind: 'other', signals: ['no clear kind', ...signals].slice(0, MAX_SIGNALS) };
}
