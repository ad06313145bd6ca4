import * as v from 'valibot';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { watchForms, type FormWatcher } from '../../extension/content/forms.ts';
import { classifyField, describeForm, findForms, formFieldFlags, formFlags, NECESSARY_CATEGORIES, type DetectedForm } from '../../src/forms/detect.ts';
import { categoriesGiven } from '../../src/forms/given.ts';
import type { FieldCategory } from '../../src/forms/model.ts';
import { contentSchemas, type ContentType } from '../../src/protocol/messages.ts';
import { loadFixture, loadFixtureIntoDocument } from './fixture-loader.ts';

// Forms written for these tests: fixtures/forms/*.html.
const only = (name: string): DetectedForm => {
  const forms = findForms(loadFixture(`forms/${name}`));
  expect(forms).toHaveLength(1);
  return forms[0] as DetectedForm;
};
const fieldsOf = (form: DetectedForm) => form.fields.map((f) => [f.category, f.required, f.label]);
const flagsOf = (form: DetectedForm) => formFlags(form).map((f) => [f.category, f.sensitive]);

afterEach(() => {
  document.body.innerHTML = '';
});

describe('findForms on fixtures', () => {
  it('en sign-up: name, email, username, two passwords; no hidden token, show button or honeypot; nothing flagged', () => {
    const form = only('signup-en.html');
    expect(form.purpose).toBe('sign-up');
    expect(fieldsOf(form)).toEqual([
      ['name', true, 'Full name'],
      ['email', true, 'Email'],
      ['username', true, 'Username'],
      ['password', true, 'Password'],
      ['password', true, 'Confirm password'],
      ['phone', false, 'Phone'],
      ['other', true, 'I agree to the Terms of Service'],
    ]);
    expect(formFlags(form)).toEqual([]);
  });

  it('en newsletter requiring a phone number and a birth date: both flagged, the optional first name not', () => {
    const form = only('newsletter-en.html');
    expect(form.purpose).toBe('newsletter');
    expect(fieldsOf(form)).toEqual([
      ['email', true, 'Email address'],
      ['name', false, 'First name'],
      ['phone', true, 'Mobile number'],
      ['birth-date', true, 'Date of birth'],
    ]);
    const flags = formFlags(form);
    expect(flags.map((f) => [f.category, f.label])).toEqual([
      ['phone', 'Mobile number'],
      ['birth-date', 'Date of birth'],
    ]);
    expect(flags[0]?.explanation).toMatch(/^A newsletter form requires your phone number\b.*GDPR art\. 5\(1\)\(c\).*PIPL art\. 6.*常见类型移动互联网应用程序必要个人信息范围规定/u);
    expect(flags[1]?.explanation).toMatch(/^A newsletter form requires your date of birth\b/u);
  });

  it('en checkout: card fields (type=tel card number too), address, contact; a required salutation (gender) flagged', () => {
    const form = only('checkout-en.html');
    expect(form.purpose).toBe('checkout');
    expect(fieldsOf(form)).toEqual([
      ['email', true, 'Email'],
      ['phone', false, 'Phone'],
      ['gender', true, 'Title'],
      ['name', true, 'First name'],
      ['name', true, 'Last name'],
      ['company', false, 'Company'],
      ['postal-address', true, 'Street address'],
      ['postal-address', true, 'ZIP code'],
      ['postal-address', true, 'City'],
      ['payment-card', true, 'Card number'],
      ['payment-card', true, 'Expiry (MM/YY)'],
      ['payment-card', true, 'CVC'],
      ['message', false, 'Order notes'],
    ]);
    expect(flagsOf(form)).toEqual([['gender', false]]);
  });

  it('zh-Hans 注册: 手机号, 验证码, 密码 ×2, 真实姓名, a required 身份证号 (sensitive, flagged), optional 邮箱', () => {
    const form = only('signup-zh.html');
    expect(form.purpose).toBe('sign-up');
    expect(fieldsOf(form)).toEqual([
      ['phone', true, '手机号'],
      ['other', true, '短信验证码'],
      ['password', true, '设置密码'],
      ['password', true, '确认密码'],
      ['name', true, '真实姓名'],
      ['government-id', true, '身份证号'],
      ['email', false, '邮箱（选填）'],
      ['other', false, '我已阅读并同意《用户协议》和《隐私政策》'],
    ]);
    const flags = formFlags(form);
    expect(flags.map((f) => [f.category, f.sensitive])).toEqual([['government-id', true]]);
    expect(flags[0]?.explanation).toMatch(/ID number.*PIPL art\. 28/u);
  });

  it('de Newsletter: "Jetzt anmelden" under "Newsletter abonnieren"; only the e-mail required, so nothing flagged', () => {
    const form = only('newsletter-de.html');
    expect(form.purpose).toBe('newsletter');
    expect(form.fields.map((f) => [f.category, f.required])).toEqual([
      ['gender', false],
      ['name', false],
      ['email', true],
      ['birth-date', false],
      ['other', true],
    ]);
    expect(formFlags(form)).toEqual([]);
  });

  it('fr formulaire de contact: nom, prénom, e-mail, téléphone, objet, message; requiring both e-mail and téléphone flagged', () => {
    const form = only('contact-fr.html');
    expect(form.purpose).toBe('contact');
    expect(fieldsOf(form)).toEqual([
      ['name', true, 'Nom'],
      ['name', false, 'Prénom'],
      ['email', true, 'Adresse e-mail'],
      ['phone', true, 'Téléphone'],
      ['message', false, 'Objet'],
      ['message', true, 'Votre message'],
    ]);
    const flags = formFlags(form);
    expect(flags.map((f) => f.category)).toEqual(['phone']);
    expect(flags[0]?.explanation).toMatch(/^A contact form requires both your email address and your phone number/u);
  });

  it('login: a password and an identifier, "Log in"', () => {
    const form = only('login-en.html');
    expect(form.purpose).toBe('login');
    expect(form.fields.map((f) => f.category)).toEqual(['username', 'password', 'other']);
    expect(formFlags(form)).toEqual([]);
  });

  it('search: found as search (and so never reported)', () => {
    expect(only('search-en.html').purpose).toBe('search');
  });

  it('a form built without <form>: a container with fields and a button', () => {
    document.body.innerHTML = `<main><h2>Stay in the loop</h2><div class="signup"><div><input type="email" placeholder="Your email"></div>
      <div><input placeholder="First name"></div><div role="button">Subscribe</div></div>
      <div class="toolbar"><input placeholder="Filter"></div></main>`;
    const forms = findForms(document);
    expect(forms.map((f) => [f.element.className, f.purpose, f.fields.map((x) => x.category).join()])).toEqual([['signup', 'newsletter', 'email,name']]);
  });

  it('a page without fields costs one querySelectorAll', () => {
    document.body.innerHTML = '<main><h1>Hello</h1><p>Text only, and <button>a button</button>.</p></main>';
    const spy = vi.spyOn(document, 'querySelectorAll');
    expect(findForms(document)).toEqual([]);
    expect(spy).toHaveBeenCalledTimes(1);
    spy.mockRestore();
  });
});

describe('purpose from the field mix and the words', () => {
  const purpose = (html: string) => {
    document.body.innerHTML = `<form>${html}</form>`;
    return describeForm(document.querySelector('form') as Element).purpose;
  };
  it.each([
    ['<input type="email" name="email"><button>Go</button>', 'newsletter'],
    ['<textarea name="body"></textarea><input type="email" name="email"><button>Send</button>', 'contact'],
    ['<input name="user"><input type="password" name="p"><button>Continue</button>', 'login'],
    ['<input type="email"><input type="password"><button>Create account</button>', 'sign-up'],
    ['<input name="name"><input type="email"><button>Sign up for our newsletter</button>', 'newsletter'],
    ['<input type="email"><button>Reset password</button>', 'login'],
    ['<input type="email"><input type="tel"><button>注册</button>', 'sign-up'],
    ['<input name="cc-number" autocomplete="cc-number"><button>Buy</button>', 'checkout'],
    ['<input name="street"><input name="city"><button>Zahlungspflichtig bestellen</button>', 'checkout'],
    ['<input name="wd"><button>百度一下</button>', 'search'],
    ['<input name="street"><input name="city"><button>Save</button>', 'other'],
  ])('%s -> %s', (html, expected) => {
    expect(purpose(html)).toBe(expected);
  });
});

describe('classifyField', () => {
  const field = (html: string): Element => {
    document.body.innerHTML = `<form>${html}</form>`;
    const el = document.querySelector('input,select,textarea');
    if (!el) throw new Error('no field');
    return el;
  };

  it.each([
    ['name', 'name'],
    ['given-name', 'name'],
    ['family-name', 'name'],
    ['cc-name', 'name'],
    ['email', 'email'],
    ['tel', 'phone'],
    ['tel-national', 'phone'],
    ['street-address', 'postal-address'],
    ['address-line1', 'postal-address'],
    ['section-a shipping postal-code', 'postal-address'],
    ['bday', 'birth-date'],
    ['bday-year', 'birth-date'],
    ['sex', 'gender'],
    ['cc-number', 'payment-card'],
    ['cc-exp', 'payment-card'],
    ['billing cc-csc', 'payment-card'],
    ['organization', 'company'],
    ['organization-title', 'job-title'],
    ['username', 'username'],
    ['nickname', 'username'],
    ['new-password', 'password'],
    ['current-password webauthn', 'password'],
    ['url', 'website'],
    ['photo', 'photo'],
    ['country', 'other'],
    ['one-time-code', 'other'],
  ])('autocomplete="%s" -> %s (whatever the name says)', (token, category) => {
    expect(classifyField(field(`<input name="misc_phone_field" autocomplete="${token}">`))).toBe(category);
  });

  it('autocomplete="off" falls through to the words', () => {
    expect(classifyField(field('<input name="email" autocomplete="off">'))).toBe('email');
  });

  it.each([
    ['<input type="email" name="x1">', 'email'],
    ['<input type="password" name="x1">', 'password'],
    ['<input type="tel" name="x1">', 'phone'],
    ['<input type="url" name="x1">', 'website'],
    ['<input type="file" name="x1" accept="image/*">', 'photo'],
    ['<textarea name="x1"></textarea>', 'message'],
    ['<label>Date of birth <input type="date"></label>', 'birth-date'],
    ['<label>Delivery date <input type="date"></label>', 'other'],
    ['<input type="tel" name="cardnumber">', 'payment-card'],
    ['<input type="tel" name="zip">', 'postal-address'],
    ['<input type="checkbox" name="newsletter_optin">', 'other'],
  ])('type: %s -> %s', (html, category) => {
    expect(classifyField(field(html))).toBe(category);
  });

  it.each([
    ['<input name="first_name">', 'name'],
    ['<input name="lastName">', 'name'],
    ['<label for="n">Full name</label><input id="n">', 'name'],
    ['<input name="emailAddress">', 'email'],
    ['<input placeholder="Phone number">', 'phone'],
    ['<input aria-label="Mobile">', 'phone'],
    ['<input name="user_name">', 'username'],
    ['<input name="dob">', 'birth-date'],
    ['<input name="age">', 'age'],
    ['<select name="gender"><option>Female</option></select>', 'gender'],
    ['<input name="company_name">', 'company'],
    ['<input name="job_title">', 'job-title'],
    ['<input name="billing_address_1">', 'postal-address'],
    ['<input name="zipcode">', 'postal-address'],
    ['<input name="ssn">', 'government-id'],
    ['<label>Passport number<input></label>', 'government-id'],
    ['<label>Social Security Number<input></label>', 'government-id'],
    ['<input name="iban">', 'bank-account'],
    ['<input name="cc-number">', 'payment-card'],
    ['<input name="cvv">', 'payment-card'],
    ['<label>Allergies or medical conditions<input></label>', 'health'],
    ['<label>Fingerprint<input type="file"></label>', 'biometric'],
    ['<input name="latitude">', 'precise-location'],
    ["<label>Child's date of birth<input type=\"date\"></label>", 'child-data'],
    ['<input name="website">', 'website'],
    ['<label>Profile picture<input type="file"></label>', 'photo'],
    ['<label>How can we help? <textarea>prefilled</textarea></label>', 'message'],
    ['<input name="coupon_code">', 'other'],
  ])('en: %s -> %s', (html, category) => {
    expect(classifyField(field(html))).toBe(category);
  });

  it.each([
    ['<label>姓名<input></label>', 'name'],
    ['<input placeholder="请输入手机号">', 'phone'],
    ['<label>身份证号<input></label>', 'government-id'],
    ['<label>出生日期<input></label>', 'birth-date'],
    ['<label>邮箱<input></label>', 'email'],
    ['<label>详细地址<input></label>', 'postal-address'],
    ['<label>性别<select><option>男</option></select></label>', 'gender'],
    ['<label>用户名<input></label>', 'username'],
    ['<label>银行卡号<input></label>', 'payment-card'],
    ['<label>过敏史<input></label>', 'health'],
    ['<label>指纹<input></label>', 'biometric'],
    ['<label>当前位置<input></label>', 'precise-location'],
    ['<label>孩子姓名<input></label>', 'child-data'],
    ['<label>公司名称<input></label>', 'company'],
    ['<label>留言<textarea></textarea></label>', 'message'],
    ['<label>联系电话<input></label>', 'phone'],
    ['<label>收货地址<input></label>', 'postal-address'],
    ['<label>证件号码<input></label>', 'government-id'],
    ['<label>短信验证码<input></label>', 'other'],
  ])('zh-Hans: %s -> %s', (html, category) => {
    expect(classifyField(field(html))).toBe(category);
  });

  it.each([
    ['<label>Vorname<input></label>', 'name'],
    ['<label>Nachname<input></label>', 'name'],
    ['<label>Geburtsdatum<input></label>', 'birth-date'],
    ['<label>Telefonnummer<input></label>', 'phone'],
    ['<label>Mobiltelefon<input></label>', 'phone'],
    ['<label>Handynummer<input></label>', 'phone'],
    ['<label>Hausnr.<input></label>', 'postal-address'],
    ['<label>Straße und Hausnummer<input></label>', 'postal-address'],
    ['<label>PLZ<input></label>', 'postal-address'],
    ['<label>Personalausweisnummer<input></label>', 'government-id'],
    ['<label>E-Mail-Adresse<input></label>', 'email'],
    ['<label>Geschlecht<select></select></label>', 'gender'],
    ['<label>Firma<input></label>', 'company'],
    ['<label>Kontonummer<input></label>', 'bank-account'],
    ['<label>Kreditkartennummer<input></label>', 'payment-card'],
    ['<label>Krankenkasse<input></label>', 'health'],
    ['<label>Benutzername<input></label>', 'username'],
    ['<label>Ihre Nachricht<textarea></textarea></label>', 'message'],
  ])('de: %s -> %s', (html, category) => {
    expect(classifyField(field(html))).toBe(category);
  });

  it.each([
    ['<label>Nom<input></label>', 'name'],
    ['<label>Prénom<input></label>', 'name'],
    ['<label>Date de naissance<input></label>', 'birth-date'],
    ['<label>Téléphone<input></label>', 'phone'],
    ['<label>Portable<input></label>', 'phone'],
    ['<label>Nom de la société<input></label>', 'company'],
    ['<label>Adresse<input></label>', 'postal-address'],
    ['<label>Code postal<input></label>', 'postal-address'],
    ['<label>Numéro de sécurité sociale<input></label>', 'government-id'],
    ['<label>Courriel<input></label>', 'email'],
    ['<label>Adresse e-mail<input></label>', 'email'],
    ['<label>Civilité<select></select></label>', 'gender'],
    ["<label>Nom d'utilisateur<input></label>", 'username'],
    ['<label>Mot de passe<input></label>', 'password'],
    ['<label>Numéro de carte<input></label>', 'payment-card'],
    ['<label>Entreprise<input></label>', 'company'],
    ['<label>Votre message<textarea></textarea></label>', 'message'],
  ])('fr: %s -> %s', (html, category) => {
    expect(classifyField(field(html))).toBe(category);
  });
});

describe('formFieldFlags', () => {
  it('follows the purpose -> necessary table; one flag per category; search and other forms are not judged', () => {
    const f = (category: FieldCategory, required = true) => ({ category, required, label: category });
    expect(NECESSARY_CATEGORIES.newsletter).toEqual(['email']);
    expect(formFieldFlags('login', [f('email'), f('password'), f('phone')]).map((x) => x.category)).toEqual([]);
    expect(formFieldFlags('sign-up', [f('email'), f('password'), f('birth-date'), f('gender'), f('name'), f('name')]).map((x) => x.category)).toEqual(['birth-date', 'gender']);
    expect(formFieldFlags('checkout', [f('name'), f('postal-address'), f('payment-card'), f('password')]).map((x) => x.category)).toEqual(['password']);
    expect(formFieldFlags('contact', [f('name'), f('phone'), f('message')]).map((x) => x.category)).toEqual([]);
    expect(formFieldFlags('newsletter', [f('email'), f('health', false), f('other')]).map((x) => x.category)).toEqual([]);
    expect(formFieldFlags('other', [f('government-id')])).toEqual([]);
    expect(formFieldFlags('search', [f('phone')])).toEqual([]);
  });
});

describe('categoriesGiven', () => {
  const SECRETS = ['alice@example.com', 'Alice Liddell', '+44 20 7946 0000', '1865-11-26', 'female'];
  const form = () => {
    document.body.innerHTML = `<form>
      <label>Email <input type="email" name="email"></label>
      <label>Name <input name="name"></label>
      <label>Phone <input type="tel" name="phone"></label>
      <fieldset><legend>Gender</legend><label><input type="radio" name="gender" value="male">Male</label><label><input type="radio" name="gender" value="female">Female</label></fieldset>
      <label>Country <select name="country"><option value="">Choose</option><option value="uk">UK</option></select></label>
      <div class="step-1" style="display:none"><label>Date of birth <input type="date" name="dob"></label></div>
      <label><input type="checkbox" name="newsletter"> Send me offers</label>
      <button>Sign up</button></form>`;
    return document.querySelector('form') as HTMLFormElement;
  };

  it('nothing filled: nothing given', () => {
    expect(categoriesGiven(describeForm(form(), true))).toEqual([]);
  });

  it('counts filled, checked and selected fields, not empty or blank ones, and never exposes a value', () => {
    const el = form();
    (el.elements.namedItem('email') as HTMLInputElement).value = SECRETS[0] as string;
    (el.elements.namedItem('phone') as HTMLInputElement).value = '   ';
    (el.querySelector('input[value=female]') as HTMLInputElement).checked = true;
    (el.querySelector('input[name=dob]') as HTMLInputElement).value = SECRETS[3] as string;
    const visible = categoriesGiven(describeForm(el));
    const all = categoriesGiven(describeForm(el, true));
    expect(visible).toEqual(['email', 'gender']);
    expect(all).toEqual(['email', 'gender', 'birth-date']);
    const json = JSON.stringify([visible, all]);
    for (const secret of SECRETS) expect(json).not.toContain(secret);
  });
});

describe('watchForms', () => {
  let watcher: FormWatcher | null = null;
  afterEach(() => {
    watcher?.stop();
    watcher = null;
  });

  const start = () => {
    const posts: { type: ContentType; payload: unknown }[] = [];
    let n = 0;
    watcher = watchForms(
      document,
      (type, payload) => {
        v.parse(contentSchemas[type], payload); // what the background would accept
        posts.push({ type, payload });
        return Promise.resolve({ stored: true }) as never;
      },
      () => `form-id-${++n}`,
    );
    return posts;
  };
  const submit = (form: Element) => form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));

  it('reports a form at scan and the categories given at submit, never a value', () => {
    loadFixtureIntoDocument('forms/newsletter-en.html');
    const posts = start();
    watcher?.scan();
    watcher?.scan(); // once per form
    expect(posts).toHaveLength(1);
    expect(posts[0]).toMatchObject({ type: 'form/seen', payload: { id: 'form-id-1', purpose: 'newsletter' } });
    const form = document.querySelector('form') as HTMLFormElement;
    (form.elements.namedItem('EMAIL') as HTMLInputElement).value = 'SECRET-EMAIL@example.com';
    (form.elements.namedItem('PHONE') as HTMLInputElement).value = 'SECRET-0123456789';
    submit(form);
    expect(posts[1]).toMatchObject({ type: 'form/submitted', payload: { formId: 'form-id-1', categories: ['email', 'phone'] } });
    expect(JSON.stringify(posts)).not.toMatch(/SECRET/u);
  });

  it('ignores search forms and forms without personal-data fields', () => {
    loadFixtureIntoDocument('forms/search-en.html');
    document.body.insertAdjacentHTML('beforeend', '<form><input name="coupon"><button>Apply</button></form>');
    const posts = start();
    watcher?.scan();
    for (const form of Array.from(document.querySelectorAll('form'))) submit(form);
    expect(posts).toEqual([]);
  });

  it('a form added later is described when it is sent', () => {
    document.body.innerHTML = '<main><h1>Shop</h1></main>';
    const posts = start();
    watcher?.scan();
    document.body.insertAdjacentHTML('beforeend', '<form><h2>Contact us</h2><input type="email" name="e"><textarea name="m"></textarea><button>Send</button></form>');
    const form = document.querySelector('form') as HTMLFormElement;
    (form.elements.namedItem('m') as HTMLTextAreaElement).value = 'SECRET question';
    submit(form);
    expect(posts.map((p) => p.type)).toEqual(['form/seen', 'form/submitted']);
    expect(posts[0]?.payload).toMatchObject({ id: 'form-id-1', purpose: 'contact' });
    expect(posts[1]?.payload).toMatchObject({ formId: 'form-id-1', categories: ['message'] });
  });

  it('a form built without <form>: its button click stands for the submit', () => {
    document.body.innerHTML = `<div class="box"><h2>Newsletter</h2><input type="email" name="e"><input name="first_name"><button type="button">Join</button></div>`;
    const posts = start();
    watcher?.scan();
    expect(posts[0]).toMatchObject({ type: 'form/seen', payload: { purpose: 'newsletter' } });
    (document.querySelector('input[name=e]') as HTMLInputElement).value = 'SECRET@example.com';
    (document.querySelector('button') as HTMLButtonElement).click();
    expect(posts[1]).toMatchObject({ type: 'form/submitted', payload: { formId: 'form-id-1', categories: ['email'] } });
    expect(JSON.stringify(posts)).not.toMatch(/SECRET/u);
  });
});
