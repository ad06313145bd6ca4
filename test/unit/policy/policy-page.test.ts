import { describe, expect, it } from 'vitest';
import { judgePolicyPage, wordCount } from '../../../src/policy/policy-page.ts';

// Passages written for these tests (no corpus text).
const EN_POLICY = `Privacy Policy. This policy explains how Example Books collects, uses and shares your personal
information. We collect your name, e-mail address and IP address when you create an account, and we use cookies
and web beacons to measure visits. We share personal data with third parties that deliver advertising on our
behalf and with payment processors. We retain your information for as long as your account is open and for two
years after. You may opt out of marketing e-mails at any time. Our services are not directed to children under 13.
You have the right to access, correct or delete your personal data and to withdraw your consent. The data
controller is Example Books Ltd. We protect your information with industry-standard security measures.`.repeat(3);

const ZH_POLICY = `隐私政策。本政策说明我们如何收集、使用和共享您的个人信息。我们会收集您的姓名、手机号码和IP地址，并使用Cookie分析访问情况。
我们可能与第三方广告合作伙伴共享必要的信息。您的个人信息的保存期限为账户存续期间。您有权查阅、更正和删除您的个人信息，也可以撤回同意。
我们不满十四周岁的儿童的个人信息将单独处理。个人信息处理者为示例科技有限公司。我们采取安全措施保护您的数据。`.repeat(3);

const DE_POLICY = `Datenschutzerklärung. Wir erheben personenbezogene Daten, wenn Sie ein Konto anlegen, und verwenden Cookies.
Eine Weitergabe an Dritte erfolgt nur zur Zahlungsabwicklung. Die Speicherdauer beträgt zwei Jahre. Sie haben das
Recht auf Auskunft und Löschung; Ihre Einwilligung können Sie jederzeit widerrufen. Verantwortliche ist die Beispiel
GmbH. Die Verarbeitung erfolgt auf Grundlage Ihrer Einwilligung. Wir schützen Ihre Daten durch Datensicherheit.`.repeat(4);

const README = `# fast-widget
A tiny library to render widgets quickly. Install it with npm and import the default export. The widget accepts
options for size, colour and animation speed. It works in browsers and in Node, has no dependencies and ships with
TypeScript types. See the examples folder for more. Contributions are welcome: open an issue first, then a pull
request with tests. Released under the MIT licence.`.repeat(4);

const NEWS = `The town council voted on Tuesday to add protected bicycle lanes along the river road. Construction is
expected to start in spring and last about four months, with detours posted in advance. Residents at the meeting
asked about parking and deliveries; the council said loading zones will stay. The plan was first discussed two
years ago and will be paid for from the transport budget.`.repeat(4);

const TERMS = `Terms of Service. By using the service you agree to these terms. You must be at least 18 years old. You are
responsible for your account and for keeping your password secret. We may suspend accounts that break these terms.
The service is provided as is, without warranty. Our liability is limited to the fees you paid in the last twelve
months. These terms are governed by the laws of England. See our privacy policy for how we handle your data.`.repeat(4);

const FR_POLICY = `Politique de confidentialité. Cette politique explique comment nous collectons et utilisons vos données
personnelles. Nous recueillons votre adresse e-mail et votre adresse IP lorsque vous créez un compte, et nous utilisons des
cookies. Le traitement de vos données repose sur votre consentement. Nous ne partageons vos informations avec des tiers que
pour le paiement. La durée de conservation est de trois ans. Vous disposez d'un droit d'accès et d'opposition : vos droits
peuvent être exercés à tout moment. Le responsable du traitement est Exemple SAS. La sécurité de vos données nous importe.`.repeat(4);

const ES_POLICY = `Política de privacidad. Esta política describe cómo recopilamos y tratamos sus datos personales. Recogemos
su correo electrónico y su dirección IP cuando se registra, y utilizamos cookies con su consentimiento. No cedemos sus datos
a terceros salvo para procesar pagos. El tratamiento se basa en su consentimiento y el responsable del tratamiento es Ejemplo
S.L. Puede oponerse al tratamiento y ejercer sus derechos de acceso. Conservamos los datos durante dos años y aplicamos
medidas de seguridad. No recogemos datos de menores.`.repeat(4);

// A plain notice of the kind public bodies publish: none of the commercial terms (advertising, consent, third
// parties, rights, retention), but it speaks of privacy, e-mail addresses, identifying visitors and "this policy".
const PLAIN_NOTICE = `We respect your privacy. We do not collect personal information unless you choose to give it to us.
For site security we monitor network traffic, and we use session cookies only. This policy describes what we record when you visit our web site. We
automatically store the name of the domain from which you access the Internet, the date and time, and the pages you
visit. We use this to make the site more useful. If you send us an e-mail message, your e-mail address is used only to
answer it. We do not identify individual visitors, and we do not sell your information. We may change this policy;
questions about this policy can be sent to the webmaster.`.repeat(3);

const FAQ = `Frequently asked questions. Why does the build fail on Windows? Make sure the path has no spaces and that you
use the latest release. How do I report a bug? Open an issue with the output of the --version flag and the steps to
reproduce it. Can I use it in commercial software? Yes, the licence allows it. Does it send any data? No, it never contacts
the network. Where is the configuration stored? In the user's home directory, in a file named after the tool. How do I
uninstall it? Remove the package with your package manager and delete the configuration file.`.repeat(4);

const LICENCE = `Licence agreement. Permission is hereby granted, free of charge, to any person obtaining a copy of this
software and associated documentation files, to deal in the Software without restriction, including without limitation the
rights to use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of the Software, subject to the
following conditions: the above copyright notice and this permission notice shall be included in all copies. THE SOFTWARE IS
PROVIDED AS IS, WITHOUT WARRANTY OF ANY KIND. IN NO EVENT SHALL THE AUTHORS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM THE SOFTWARE.`.repeat(4);

describe('judgePolicyPage', () => {
  it.each([
    ['an English privacy policy', EN_POLICY, 'privacy'],
    ['a Chinese privacy policy', ZH_POLICY, 'privacy'],
    ['a German privacy policy', DE_POLICY, 'privacy'],
    ['a French privacy policy', FR_POLICY, 'privacy'],
    ['a Spanish privacy policy', ES_POLICY, 'privacy'],
    ['a plain notice with few commercial terms', PLAIN_NOTICE, 'privacy'],
  ])('recognises %s from its text alone', (_name, text, kind) => {
    const verdict = judgePolicyPage({ title: '', headings: [], text });
    expect(verdict).toMatchObject({ isPolicy: true, kind });
  });

  it.each([
    ['software documentation', README],
    ['a news article', NEWS],
    ['terms of service that mention the privacy policy', TERMS],
    ['a FAQ', FAQ],
    ['a licence agreement', LICENCE],
  ])('does not take %s for a policy', (_name, text) => {
    expect(judgePolicyPage({ title: '', headings: [], text }).isPolicy).toBe(false);
  });

  it('does not take a cookie banner\'s dense text for a policy page', () => {
    const banner =
      'We and our third party partners use cookies and collect personal data such as your IP address for advertising and security. ' +
      'We process your information with your consent; you may opt out or exercise your rights at any time. We retain it for one year. ' +
      'Children under 16 need a parent to consent. The controller shares data with advertisers.';
    expect(judgePolicyPage({ title: 'Daily News', headings: [], text: banner }).isPolicy).toBe(false);
  });

  it('knows a cookie policy by its title', () => {
    const verdict = judgePolicyPage({ title: 'Cookie Policy - Example Books', headings: ['Cookie Policy'], text: EN_POLICY, url: 'https://example.com/cookie-policy' });
    expect(verdict).toMatchObject({ isPolicy: true, kind: 'cookie' });
  });

  it('knows a notice of privacy practices by its heading', () => {
    const text = 'Notice of Privacy Practices. This notice describes how medical information about you may be used and disclosed. ' + PLAIN_NOTICE;
    expect(judgePolicyPage({ title: '', headings: [], text })).toMatchObject({ isPolicy: true, kind: 'privacy' });
    expect(judgePolicyPage({ title: '', headings: [], text }).reasons[0]).toMatch(/^title or heading/);
  });

  it('takes a short page titled "Privacy Policy" for what it says, but not a short page that only mentions privacy', () => {
    const short = 'We keep your e-mail address to send the newsletter and never sell it to third parties. Unsubscribe at any time.';
    expect(judgePolicyPage({ title: 'Privacy Policy', headings: [], text: short }).isPolicy).toBe(true);
    expect(judgePolicyPage({ title: 'Newsletter', headings: [], text: short }).isPolicy).toBe(false);
  });
});

describe('wordCount', () => {
  it('counts words, and each Chinese character as one', () => {
    expect(wordCount("We don't sell data.")).toBe(4);
    expect(wordCount('隐私政策 applies')).toBe(5);
  });
});
