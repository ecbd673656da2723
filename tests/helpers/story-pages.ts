/**
 * Generated short-story pages whose true text is known: a headline and 1 to 6 paragraphs of made-up prose (no
 * outlet's text), laid out as breaking-news pages of several kinds of outlets and languages are, with furniture
 * around and inside the story (bylines, "Updated" lines, share rows, comment counters, "Read also" lists, most-read
 * boxes, newsletter promos, figures with captions and credits, tags, breadcrumbs, author bios, footers). Seeded, so
 * the same (count, seed) always gives the same pages. Used by the extraction unit tests and by
 * bench/extraction-score.ts. No library imports: plain strings.
 */
import { rng } from './random';

export type Lang = 'en' | 'de' | 'fr' | 'es' | 'ar' | 'zh';
export const LANGS: Lang[] = ['en', 'de', 'fr', 'es', 'ar', 'zh'];

/** How the story is laid out: where its paragraphs sit and how they are separated. */
export const SHAPES = [
  'article-p', // <article> with the h1, paragraphs in <p>, furniture inside the article
  'itemprop-body', // schema.org microdata: h1 outside, paragraphs in [itemprop=articleBody]
  'plain-div', // no semantic markup: a <div> with the h1 and paragraphs, furniture as sibling divs
  'main-section', // <main> holds h1, a header block and a <section> of paragraphs among teaser sections
  'br-div', // the story is text in one <div>, paragraphs separated by <br><br>
  'br-p', // one <p> inside <article>, paragraphs separated by <br><br>
  'br-single', // one <div>, one paragraph per line, separated by a single <br>
] as const;
export type Shape = (typeof SHAPES)[number];

export interface StoryPage {
  html: string;
  url: string;
  lang: Lang;
  shape: Shape;
  /** Label for reports: shape/lang. */
  label: string;
  truth: { headline: string; paragraphs: string[] };
}


interface Words {
  subjects: string[];
  verbs: string[];
  objects: string[];
  tails: string[];
  /** Words joined without spaces (Chinese). */
  dense?: boolean;
  stop: string;
}

interface Ui {
  outlet: string;
  by: string;
  names: string[];
  comments: (n: number) => string;
  share: string[];
  readAlso: string;
  mostRead: string;
  newsletter: string;
  subscribe: string;
  photo: string;
  agencies: string[];
  updated: string;
  posted: string;
  date: string;
  sections: string[];
  home: string;
  topics: string;
  bio: (name: string) => string;
  footer: string[];
  copyright: string;
}

const WORDS: Record<Lang, Words> = {
  en: {
    subjects: ['The regional council', 'A spokesperson for the port authority', 'Residents of the northern district', 'The transport ministry', 'Local fishermen', 'The hospital board', 'Several witnesses', 'The water utility', 'Emergency crews', 'A group of teachers', 'The city engineer', 'Farmers in the valley'],
    verbs: ['said on Tuesday that', 'confirmed late in the evening that', 'warned in a short statement that', 'told reporters that', 'announced that', 'estimated that', 'insisted that', 'had not expected that'],
    objects: ['the old bridge would stay closed', 'repairs could take several weeks', 'about 40 households were without power', 'the budget had been cut by a third', 'the harbour reopened to small boats', 'the vote was postponed', 'two lanes of the ring road were flooded', 'the inquiry would publish its findings'],
    tails: ['until the end of the month', 'after a night of heavy rain', 'despite earlier assurances', 'according to figures released on Monday', 'while inspectors examined the damage', 'for the second time this year', 'pending a decision by the courts', 'as the storm moved east'],
    stop: '.',
  },
  de: {
    subjects: ['Der Gemeinderat', 'Eine Sprecherin der Hafenbehörde', 'Anwohner im Nordviertel', 'Das Verkehrsministerium', 'Die örtlichen Fischer', 'Der Vorstand des Klinikums', 'Mehrere Augenzeugen', 'Die Stadtwerke', 'Die Einsatzkräfte', 'Eine Gruppe von Lehrern', 'Der Stadtbaurat', 'Landwirte im Tal'],
    verbs: ['teilte am Dienstag mit, dass', 'bestätigte am späten Abend, dass', 'warnte in einer kurzen Erklärung, dass', 'sagte vor Journalisten, dass', 'kündigte an, dass', 'schätzte, dass', 'betonte, dass', 'hatte nicht erwartet, dass'],
    objects: ['die alte Brücke gesperrt bleibe', 'die Reparatur mehrere Wochen dauern könne', 'rund 40 Haushalte ohne Strom seien', 'der Haushalt um ein Drittel gekürzt worden sei', 'der Hafen für kleine Boote wieder offen sei', 'die Abstimmung verschoben werde', 'zwei Spuren der Umgehungsstraße überflutet seien', 'die Kommission ihren Bericht vorlegen werde'],
    tails: ['bis zum Monatsende', 'nach einer Nacht mit starkem Regen', 'trotz früherer Zusagen', 'laut am Montag veröffentlichten Zahlen', 'während Gutachter die Schäden prüften', 'zum zweiten Mal in diesem Jahr', 'bis ein Gericht entschieden habe', 'als das Unwetter nach Osten zog'],
    stop: '.',
  },
  fr: {
    subjects: ['Le conseil régional', 'Une porte-parole du port', 'Les habitants du quartier nord', 'Le ministère des transports', 'Les pêcheurs de la côte', "Le conseil d'administration de l'hôpital", 'Plusieurs témoins', "La régie de l'eau", 'Les secours', 'Un groupe d’enseignants', "L'ingénieur de la ville", 'Les agriculteurs de la vallée'],
    verbs: ['a indiqué mardi que', 'a confirmé dans la soirée que', 'a averti dans un bref communiqué que', 'a déclaré à la presse que', 'a annoncé que', 'a estimé que', 'a assuré que', "ne s'attendait pas à ce que"],
    objects: ['le vieux pont resterait fermé', 'les travaux pourraient durer plusieurs semaines', 'une quarantaine de foyers étaient privés de courant', "le budget avait été réduit d'un tiers", 'le port avait rouvert aux petits bateaux', 'le vote serait reporté', 'deux voies du périphérique étaient inondées', "l'enquête publierait ses conclusions"],
    tails: ['jusqu’à la fin du mois', 'après une nuit de fortes pluies', 'malgré les assurances données', 'selon les chiffres publiés lundi', 'pendant que des experts examinaient les dégâts', 'pour la deuxième fois cette année', 'en attendant une décision de justice', "alors que la tempête se déplaçait vers l'est"],
    stop: '.',
  },
  es: {
    subjects: ['El consejo regional', 'Una portavoz de la autoridad portuaria', 'Los vecinos del distrito norte', 'El ministerio de transportes', 'Los pescadores locales', 'La junta del hospital', 'Varios testigos', 'La empresa de aguas', 'Los equipos de emergencia', 'Un grupo de maestros', 'El ingeniero municipal', 'Los agricultores del valle'],
    verbs: ['dijo el martes que', 'confirmó por la noche que', 'advirtió en un breve comunicado que', 'explicó a los periodistas que', 'anunció que', 'calculó que', 'insistió en que', 'no esperaba que'],
    objects: ['el viejo puente seguiría cerrado', 'las reparaciones podrían durar varias semanas', 'unos 40 hogares seguían sin luz', 'el presupuesto se había recortado un tercio', 'el puerto había reabierto para barcos pequeños', 'la votación se aplazaría', 'dos carriles de la circunvalación estaban inundados', 'la comisión publicaría sus conclusiones'],
    tails: ['hasta final de mes', 'tras una noche de lluvias intensas', 'pese a las garantías anteriores', 'según cifras publicadas el lunes', 'mientras los peritos revisaban los daños', 'por segunda vez este año', 'a la espera de una decisión judicial', 'mientras la tormenta avanzaba hacia el este'],
    stop: '.',
  },
  ar: {
    subjects: ['قال المجلس البلدي', 'أعلنت متحدثة باسم هيئة الميناء', 'أكد سكان الحي الشمالي', 'ذكرت وزارة النقل', 'قال الصيادون المحليون', 'أوضح مجلس إدارة المستشفى', 'أفاد عدد من الشهود', 'قالت شركة المياه', 'أكدت فرق الطوارئ', 'قال مهندس المدينة'],
    verbs: ['يوم الثلاثاء إن', 'في وقت متأخر من المساء إن', 'في بيان مقتضب إن', 'للصحفيين إن', 'في مؤتمر صحفي إن', 'صباح اليوم إن'],
    objects: ['الجسر القديم سيبقى مغلقا', 'أعمال الإصلاح قد تستغرق عدة أسابيع', 'نحو أربعين منزلا بقيت بلا كهرباء', 'الميزانية خفضت بمقدار الثلث', 'الميناء أعيد فتحه أمام القوارب الصغيرة', 'التصويت تأجل', 'مسارين من الطريق الدائري غمرتهما المياه', 'اللجنة ستنشر نتائجها'],
    tails: ['حتى نهاية الشهر', 'بعد ليلة من الأمطار الغزيرة', 'رغم التطمينات السابقة', 'وفق أرقام نشرت يوم الاثنين', 'بينما فحص الخبراء الأضرار', 'للمرة الثانية هذا العام', 'في انتظار قرار المحكمة'],
    stop: '.',
  },
  zh: {
    subjects: ['市议会', '港务局发言人', '北区居民', '交通部', '当地渔民', '医院董事会', '多名目击者', '自来水公司', '救援人员', '一群教师', '城市工程师', '山谷里的农民'],
    verbs: ['周二表示', '当晚证实', '在简短声明中警告', '对记者说', '宣布', '估计', '坚持认为', '没有想到'],
    objects: ['老桥将继续封闭', '维修工作可能需要几个星期', '大约四十户家庭停电', '预算被削减了三分之一', '港口已重新向小船开放', '投票被推迟', '环城公路有两条车道被淹', '调查委员会将公布结果'],
    tails: ['直到月底', '在一夜大雨之后', '尽管此前曾作出保证', '根据周一公布的数据', '与此同时专家正在检查损失', '这是今年第二次', '等待法院作出裁决', '风暴正向东移动'],
    dense: true,
    stop: '。',
  },
};

const UI: Record<Lang, Ui> = {
  en: {
    outlet: 'The Harbour Ledger', by: 'By', names: ['Jane Moss', 'Tom Ellery', 'Priya Nand', 'Carl Okafor'],
    comments: (n) => `${n} comments`, share: ['Share', 'Facebook', 'Twitter', 'Email', 'Copy link'],
    readAlso: 'Read also', mostRead: 'Most read', newsletter: 'Get the morning briefing in your inbox every weekday.',
    subscribe: 'Sign up', photo: 'Photo:', agencies: ['Reuters', 'AP', 'Getty Images'], updated: 'Updated',
    posted: 'Posted', date: '7 December 2026, 12:42', sections: ['World', 'Politics', 'Business', 'Local'],
    home: 'Home', topics: 'Topics', bio: (n) => `${n} is a reporter covering transport and local government for The Harbour Ledger.`,
    footer: ['About us', 'Contact', 'Privacy policy', 'Terms of use', 'Advertise'], copyright: '© 2026 The Harbour Ledger. All rights reserved.',
  },
  de: {
    outlet: 'Morgenpost Nord', by: 'Von', names: ['Anna Keller', 'Jonas Brandt', 'Miriam Vogt', 'Stefan Lorenz'],
    comments: (n) => `${n} Kommentare`, share: ['Teilen', 'Facebook', 'Twitter', 'E-Mail', 'Link kopieren'],
    readAlso: 'Lesen Sie auch', mostRead: 'Meistgelesen', newsletter: 'Die wichtigsten Nachrichten des Tages jeden Morgen in Ihrem Postfach.',
    subscribe: 'Newsletter abonnieren', photo: 'Foto:', agencies: ['dpa', 'Reuters', 'picture alliance'], updated: 'Aktualisiert am',
    posted: 'Veröffentlicht am', date: '07.12.2026, 12:42 Uhr', sections: ['Politik', 'Wirtschaft', 'Region', 'Panorama'],
    home: 'Startseite', topics: 'Themen', bio: (n) => `${n} ist Redakteurin im Ressort Region und berichtet über Verkehr und Kommunalpolitik.`,
    footer: ['Impressum', 'Datenschutz', 'Kontakt', 'AGB', 'Mediadaten'], copyright: '© Morgenpost Nord 2026. Alle Rechte vorbehalten.',
  },
  fr: {
    outlet: 'Le Courrier du Soir', by: 'Par', names: ['Claire Martin', 'Hugo Bernard', 'Inès Laurent', 'Marc Petit'],
    comments: (n) => `${n} commentaires`, share: ['Partager', 'Facebook', 'Twitter', 'E-mail', 'Copier le lien'],
    readAlso: 'Lire aussi', mostRead: 'Les plus lus', newsletter: "Recevez chaque matin l'essentiel de l'actualité dans votre boîte mail.",
    subscribe: "S'inscrire", photo: 'Photo :', agencies: ['AFP', 'Reuters', 'Hans Lucas'], updated: 'Mis à jour le',
    posted: 'Publié le', date: '7 décembre 2026 à 12h42', sections: ['International', 'Politique', 'Économie', 'Société'],
    home: 'Accueil', topics: 'Sujets', bio: (n) => `${n} est journaliste au service Société et suit les questions de transport.`,
    footer: ['Mentions légales', 'Confidentialité', 'Contact', 'Publicité', 'Qui sommes-nous'], copyright: '© Le Courrier du Soir 2026. Tous droits réservés.',
  },
  es: {
    outlet: 'Diario del Valle', by: 'Por', names: ['Lucía Romero', 'Diego Navarro', 'Marta Gil', 'Pablo Ortega'],
    comments: (n) => `${n} comentarios`, share: ['Compartir', 'Facebook', 'Twitter', 'Correo', 'Copiar enlace'],
    readAlso: 'Lee también', mostRead: 'Lo más leído', newsletter: 'Recibe cada mañana las noticias más importantes en tu correo.',
    subscribe: 'Suscríbete', photo: 'Foto:', agencies: ['EFE', 'Europa Press', 'Reuters'], updated: 'Actualizado',
    posted: 'Publicado', date: '07/12/2026 12:42', sections: ['Internacional', 'Política', 'Economía', 'Sociedad'],
    home: 'Inicio', topics: 'Temas', bio: (n) => `${n} es periodista de la sección de Sociedad y cubre transporte y gobierno local.`,
    footer: ['Aviso legal', 'Privacidad', 'Contacto', 'Publicidad', 'Quiénes somos'], copyright: '© Diario del Valle 2026. Todos los derechos reservados.',
  },
  ar: {
    outlet: 'الصحيفة اليومية', by: 'بقلم', names: ['سارة الخطيب', 'عمر حداد', 'ليلى منصور', 'يوسف نصار'],
    comments: (n) => `${n} تعليقات`, share: ['شارك', 'فيسبوك', 'تويتر', 'البريد', 'نسخ الرابط'],
    readAlso: 'اقرأ أيضا', mostRead: 'الأكثر قراءة', newsletter: 'احصل على أهم الأخبار كل صباح في بريدك الإلكتروني.',
    subscribe: 'اشترك', photo: 'تصوير:', agencies: ['رويترز', 'أ ف ب', 'غيتي'], updated: 'آخر تحديث',
    posted: 'نشر في', date: '7 ديسمبر 2026 12:42', sections: ['عربي ودولي', 'سياسة', 'اقتصاد', 'محليات'],
    home: 'الرئيسية', topics: 'مواضيع', bio: (n) => `${n} صحفية في قسم المحليات تغطي شؤون النقل والبلديات.`,
    footer: ['من نحن', 'اتصل بنا', 'سياسة الخصوصية', 'شروط الاستخدام', 'أعلن معنا'], copyright: '© 2026 الصحيفة اليومية. جميع الحقوق محفوظة.',
  },
  zh: {
    outlet: '海港晨报', by: '记者', names: ['王丽', '陈明', '李娜', '张伟'],
    comments: (n) => `${n}条评论`, share: ['分享', '微信', '微博', '邮件', '复制链接'],
    readAlso: '相关阅读', mostRead: '热门文章', newsletter: '每天早上把最重要的新闻发送到你的邮箱。',
    subscribe: '订阅', photo: '图片来源：', agencies: ['新华社', '路透社', '视觉中国'], updated: '更新时间',
    posted: '发布时间', date: '2026-12-07 12:42', sections: ['国际', '政治', '财经', '本地'],
    home: '首页', topics: '标签', bio: (n) => `${n}是本报地方新闻部记者，主要报道交通和市政新闻。`,
    footer: ['关于我们', '联系我们', '隐私政策', '使用条款', '广告服务'], copyright: '© 2026 海港晨报 版权所有',
  },
};

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

class Gen {
  readonly r: () => number;
  constructor(seed: number) {
    this.r = rng(seed);
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.r() * (max - min + 1));
  }
  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.r() * list.length)]!;
  }
  chance(p: number): boolean {
    return this.r() < p;
  }
}

function sentence(g: Gen, w: Words): string {
  const parts = [g.pick(w.subjects), g.pick(w.verbs), g.pick(w.objects), g.pick(w.tails)];
  if (w.dense) return parts.join('，') + w.stop;
  return parts.join(' ') + w.stop;
}

/** A paragraph of about `target` characters (at least 150, at most 600). */
function paragraph(g: Gen, w: Words, target: number): string {
  const out: string[] = [];
  let len = 0;
  while (len < target || len < 150) {
    const s = sentence(g, w);
    if (len + s.length + 1 > 600 && len >= 150) break;
    out.push(s);
    len += s.length + (w.dense ? 0 : 1);
  }
  return out.join(w.dense ? '' : ' ');
}

function headline(g: Gen, w: Words): string {
  const h = `${g.pick(w.subjects)} ${g.pick(w.verbs)} ${g.pick(w.objects)}`.replace(/,? (dass|que|that|إن)$/, '');
  return w.dense ? h.replace(/ /g, '') : h;
}

/** Story paragraph as HTML: sometimes with an inline link or emphasis, as real copy has. */
function storyHtml(g: Gen, text: string, host: string): string {
  const html = esc(text);
  const words = text.split(' ');
  if (words.length > 12 && g.chance(0.3)) {
    const at = g.int(2, words.length - 4);
    const span = words.slice(at, at + 2).join(' ');
    const before = esc(words.slice(0, at).join(' '));
    const after = esc(words.slice(at + 2).join(' '));
    const tag = g.chance(0.6) ? `<a href="https://${host}/topic/${at}">${esc(span)}</a>` : `<strong>${esc(span)}</strong>`;
    return `${before} ${tag} ${after}`;
  }
  return html;
}

interface Furniture {
  sectionLabel: string;
  breadcrumbs: string;
  byline: string;
  dateLine: string;
  comments: string;
  share: string;
  readAlso: string;
  readAlsoInline: string;
  mostRead: string;
  newsletter: string;
  figure: (caption: string) => string;
  tags: string;
  bio: string;
  footer: string;
  nav: string;
}

function furniture(g: Gen, lang: Lang, host: string): Furniture {
  const ui = UI[lang];
  const w = WORDS[lang];
  const name = g.pick(ui.names);
  const link = (text: string, href = `https://${host}/${g.int(1000, 9999)}`) => `<a href="${href}">${esc(text)}</a>`;
  const teasers = (n: number) => Array.from({ length: n }, () => headline(g, w));
  const useNav = g.chance(0.5);
  const crumbs = [ui.home, g.pick(ui.sections), g.pick(ui.sections)].map((t) => link(t)).join(' › ');
  const mostReadTag = g.chance(0.5) ? 'aside' : 'div';
  return {
    sectionLabel: g.chance(0.5) ? `<a class="kicker" href="https://${host}/s">${esc(g.pick(ui.sections))}</a>` : `<span>${esc(g.pick(ui.sections))}</span>`,
    breadcrumbs: useNav ? `<nav aria-label="breadcrumb">${crumbs}</nav>` : `<div class="crumbs">${crumbs}</div>`,
    byline: `<div class="author">${esc(ui.by)} ${link(name, `https://${host}/author/${g.int(1, 99)}`)}</div>`,
    dateLine: g.chance(0.5)
      ? `<p><time datetime="2026-12-07T12:42">${esc(`${ui.updated} ${ui.date}`)}</time></p>`
      : `<div class="meta">${esc(`${ui.posted} ${ui.date}`)}</div>`,
    comments: `<a href="#comments">${esc(ui.comments(g.int(2, 480)))}</a>`,
    share: g.chance(0.5)
      ? `<div class="share">${ui.share.map((s, i) => (i === ui.share.length - 1 ? `<button>${esc(s)}</button>` : link(s))).join(' ')}</div>`
      : `<ul class="social">${ui.share.map((s) => `<li>${link(s)}</li>`).join('')}</ul>`,
    readAlso: `<div class="related"><h3>${esc(ui.readAlso)}</h3><ul>${teasers(3).map((t) => `<li>${link(t)}</li>`).join('')}</ul></div>`,
    readAlsoInline: `<p><strong>${esc(ui.readAlso)}:</strong> ${link(headline(g, w))}</p>`,
    mostRead: `<${mostReadTag} class="box"><h2>${esc(ui.mostRead)}</h2><ol>${teasers(5).map((t) => `<li>${link(t)}</li>`).join('')}</ol></${mostReadTag}>`,
    newsletter: `<div class="promo"><p>${esc(ui.newsletter)}</p><form><input type="email" placeholder="email"><button>${esc(ui.subscribe)}</button></form></div>`,
    figure: (caption) =>
      `<figure><img src="https://${host}/img/${g.int(1, 999)}.jpg" alt=""><figcaption>${esc(caption)} <span>${esc(ui.photo)} ${esc(g.pick(ui.agencies))}</span></figcaption></figure>`,
    tags: `<div class="tags"><span>${esc(ui.topics)}:</span> ${ui.sections.map((s) => link(s)).join(' ')}</div>`,
    bio: `<div class="bio"><img src="https://${host}/a.jpg" alt=""><p>${esc(ui.bio(name))}</p></div>`,
    footer: `<footer><ul>${ui.footer.map((f) => `<li>${link(f)}</li>`).join('')}</ul><p>${esc(ui.copyright)}</p></footer>`,
    nav: `<header><a href="https://${host}/">${esc(ui.outlet)}</a><nav><ul>${ui.sections.map((s) => `<li>${link(s)}</li>`).join('')}</ul></nav></header>`,
  };
}

function head(g: Gen, lang: Lang, title: string, url: string): string {
  const ui = UI[lang];
  const meta: string[] = [`<meta charset="utf-8">`, `<title>${esc(title)} | ${esc(ui.outlet)}</title>`];
  if (g.chance(0.6)) meta.push(`<meta property="og:title" content="${esc(title)}">`, `<meta property="og:type" content="article">`);
  if (g.chance(0.4)) {
    const ld = { '@context': 'https://schema.org', '@type': 'NewsArticle', headline: title, datePublished: '2026-12-07T12:42:00Z' };
    meta.push(`<script type="application/ld+json">${JSON.stringify(ld)}</script>`);
  }
  meta.push(`<link rel="canonical" href="${url}">`);
  return `<head>${meta.join('')}</head>`;
}

/** One page; `index` varies the shape and language so every combination appears. */
export function generateStoryPage(index: number, seed = 1): StoryPage {
  const g = new Gen(seed * 1_000_003 + index * 7919);
  const lang = LANGS[index % LANGS.length]!;
  const shape = SHAPES[Math.floor(index / LANGS.length) % SHAPES.length]!;
  const w = WORDS[lang];
  const host = `news${index % 5}.example`;
  const url = `https://${host}/2026/12/07/story-${index}.html`;
  const title = headline(g, w);
  const count = g.int(1, 6);
  const paragraphs = Array.from({ length: count }, () => paragraph(g, w, g.int(150, 600)));
  const f = furniture(g, lang, host);
  const caption = headline(g, w) + w.stop;
  const figures = g.int(0, 2);
  const repeatCaption = () => Array.from({ length: figures }, () => f.figure(caption)).join('');
  const h1 = `<h1>${esc(title)}</h1>`;

  // The story's paragraphs with furniture between them (after the first, so a one-paragraph story has some too).
  const interleave = (para: (p: string) => string): string => {
    const out: string[] = [];
    paragraphs.forEach((p, i) => {
      out.push(para(p));
      if (i === 0 && g.chance(0.5)) out.push(f.readAlsoInline);
      if (i === 1 && g.chance(0.6)) out.push(f.newsletter);
      if (i === 2 && g.chance(0.5)) out.push(f.readAlso);
      if (i === 3 && figures > 0) out.push(f.figure(caption));
    });
    return out.join('\n');
  };
  const pTags = (): string => interleave((p) => `<p>${storyHtml(g, p, host)}</p>`);
  const brText = (sep: string): string => paragraphs.map((p) => storyHtml(g, p, host)).join(sep);

  let body: string;
  switch (shape) {
    case 'article-p':
      body = `${f.nav}${f.breadcrumbs}<main><article>${f.sectionLabel}${h1}${f.byline}${f.dateLine}${f.comments}${f.share}
        ${repeatCaption()}${pTags()}${f.tags}${f.share}${f.bio}</article>${f.mostRead}</main>${f.footer}`;
      break;
    case 'itemprop-body':
      body = `${f.nav}<div itemscope itemtype="https://schema.org/NewsArticle">${f.breadcrumbs}${f.sectionLabel}${h1}
        <div class="meta-row">${f.byline}${f.dateLine}${f.comments}</div>${repeatCaption()}
        <div itemprop="articleBody">${pTags()}${g.chance(0.5) ? f.mostRead : ''}</div>${f.share}${f.tags}${f.bio}</div>
        ${f.readAlso}${f.footer}`;
      break;
    case 'plain-div':
      body = `${f.nav}<div class="wrap"><div class="col">${f.breadcrumbs}${h1}${f.dateLine}${f.share}${repeatCaption()}
        <div class="txt">${pTags()}</div>${f.tags}${f.bio}</div><div class="side">${f.mostRead}${f.newsletter}</div></div>${f.footer}`;
      break;
    case 'main-section':
      body = `${f.nav}<main>${f.breadcrumbs}<header>${f.sectionLabel}${h1}${f.byline}${f.dateLine}${f.share}</header>
        ${repeatCaption()}<section>${pTags()}</section><section>${f.readAlso}</section>${f.mostRead}</main>${f.footer}`;
      break;
    case 'br-div':
      body = `${f.nav}<div class="page">${f.breadcrumbs}${h1}${f.dateLine}${f.comments}${repeatCaption()}
        <div class="text">${brText('<br><br>')}</div>${f.share}${f.tags}</div>${f.mostRead}${f.footer}`;
      break;
    case 'br-p':
      body = `${f.nav}<article>${h1}${f.byline}${f.dateLine}${repeatCaption()}<p>${brText('<br>\n<br>')}</p>${f.share}${f.bio}</article>
        ${f.mostRead}${f.footer}`;
      break;
    case 'br-single':
      body = `${f.nav}<div class="story">${f.sectionLabel}${h1}${f.byline}${f.dateLine}<div>${brText('<br>\n')}</div>${f.share}${f.tags}</div>
        ${f.readAlso}${f.footer}`;
      break;
  }
  const dir = lang === 'ar' ? ' dir="rtl"' : '';
  const html = `<!DOCTYPE html><html lang="${lang}"${dir}>${head(g, lang, title, url)}<body>${body}</body></html>`;
  return { html, url, lang, shape, label: `${shape}/${lang}`, truth: { headline: title, paragraphs } };
}

/** `count` pages covering every shape and language in turn. */
export function generateStoryPages(count: number, seed = 1): StoryPage[] {
  return Array.from({ length: count }, (_, i) => generateStoryPage(i, seed));
}
