// One document, two bodies: the HTML (escaped, one narrow column, readable on a phone) and the plain text say
// the same thing, block by block.
import { expect } from 'chai';
import { render, type Document } from '../../../src/modules/notifications/render.js';

const doc: Document = {
  subject: 'Commande n° 12 <confirmée> & payée',
  preheader: 'Total 21,50 € — "merci"',
  blocks: [
    { p: 'Bonjour Zoé,' },
    { heading: 'Reçu — commande n° 12' },
    {
      table: [
        { label: '2 × Margherita (M)', value: '18,00 €', detail: '9,00 € l’unité · + Mozzarella 1,50 €' },
        { label: 'Total TTC', value: '21,50 €', strong: true },
      ],
    },
    { button: { label: 'Suivre ma commande', href: 'https://www.ocpizza.example/#/suivi/a?b=1&c="2"' } },
    { small: ['OC Pizza Bastille', 'Tél. 01 43 00 00 00'] },
  ],
};

describe('e-mail rendering: one document, HTML and text', () => {
  it('when a text holds <, >, &, quotes, then the HTML escapes it everywhere and never lets markup through', () => {
    const { html } = render({
      subject: '<script>alert(1)</script>',
      preheader: "l'<b>aperçu</b>",
      blocks: [
        { p: '<img src=x onerror=alert(1)> & co' },
        { heading: '<h1>' },
        { table: [{ label: '<i>x</i>', value: '"1"', detail: '<u>d</u>' }] },
        { button: { label: '<b>go</b>', href: 'https://x.example/?a=1&b="><script>' } },
        { small: ['<s>petit</s>'] },
      ],
    });
    for (const raw of ['<script>', '<img', '<i>x', '<u>', '<b>', '<s>', '"><script>', '<h1>']) {
      expect(html, raw).to.not.include(raw);
    }
    expect(html).to.include('<title>&lt;script&gt;alert(1)&lt;/script&gt;</title>');
    expect(html).to.include('&lt;img src=x onerror=alert(1)&gt; &amp; co');
    expect(html).to.include('href="https://x.example/?a=1&amp;b=&quot;&gt;&lt;script&gt;"');
    expect(html).to.include('l&#39;&lt;b&gt;aperçu&lt;/b&gt;');
    expect(html).to.include('&quot;1&quot;');
  });

  it('when a document is rendered, then the text body is its blocks in order, one paragraph each', () => {
    const { text, subject } = render(doc);
    expect(subject).to.equal(doc.subject);
    expect(text).to.equal(
      [
        'Bonjour Zoé,',
        'Reçu — commande n° 12\n---------------------',
        '2 × Margherita (M) : 18,00 €\n    9,00 € l’unité · + Mozzarella 1,50 €\n= Total TTC : 21,50 €',
        'Suivre ma commande : https://www.ocpizza.example/#/suivi/a?b=1&c="2"',
        'OC Pizza Bastille\nTél. 01 43 00 00 00',
      ].join('\n\n') + '\n',
    );
  });

  it('when a document is rendered, then every text of the text body is in the HTML body too, in the same order', () => {
    const { html, text } = render(doc);
    const unescape = (s: string) =>
      s
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'")
        .replace(/&amp;/g, '&');
    // The HTML's texts and link targets, unescaped, after its <head>.
    const body = unescape(html.slice(html.indexOf('<body')));
    // Each block of the text (paragraphs apart) has every one of its texts in the HTML, and the blocks come
    // in the same order (within a table row the HTML puts the detail under the label, before the amount).
    let blockAt = -1;
    for (const block of text.trimEnd().split('\n\n')) {
      const pieces = block
        .split('\n')
        .map((l) => l.replace(/^= /, '').replace(/^-+$/, '').trim())
        .flatMap((l) => l.split(' : '))
        .filter(Boolean);
      for (const piece of pieces) expect(body, piece).to.include(piece);
      const start = body.indexOf(pieces[0]);
      expect(start, `block "${pieces[0]}" after the previous one`).to.be.greaterThan(blockAt);
      blockAt = start;
    }
    expect(html).to.include('href="https://www.ocpizza.example/#/suivi/a?b=1&amp;c=&quot;2&quot;"');
  });

  it('when the HTML is opened on a phone, then it declares the viewport, UTF-8, French, one column of 600 px at most', () => {
    const { html } = render(doc);
    expect(html).to.match(/^<!doctype html>/);
    expect(html).to.include('<html lang="fr">');
    expect(html).to.include('<meta charset="utf-8">');
    expect(html).to.include('<meta name="viewport" content="width=device-width,initial-scale=1">');
    expect(html).to.include('max-width:600px');
    // The preheader is there for the mail client's preview, hidden in the message.
    expect(html).to.match(/<span style="display:none[^"]*">Total 21,50 € — &quot;merci&quot;<\/span>/);
    expect(html).to.not.include('<table style'); // tables are layout-free: role="presentation"
    expect(html).to.include('<table role="presentation"');
  });
});
