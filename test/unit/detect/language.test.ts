import { describe, expect, it } from 'vitest';
import { guessLanguage } from '../../../src/detect/language.ts';

describe('guessLanguage', () => {
  it.each([
    ['We use cookies to improve your experience and to show you ads from our partners.', 'en'],
    ['Wir verwenden Cookies, um Ihre Erfahrung zu verbessern und die Nutzung der Website zu analysieren.', 'de'],
    ['Nous utilisons des cookies pour améliorer votre expérience et mesurer les visites sur le site.', 'fr'],
    ['Utilizamos cookies propias y de terceros para mejorar nuestros servicios y mostrarle publicidad.', 'es'],
    ['Utilizziamo i cookie per migliorare la tua esperienza e per analizzare il traffico del sito.', 'it'],
    ['Wij gebruiken cookies om uw ervaring te verbeteren en het gebruik van de website te meten.', 'nl'],
    ['Utilizamos cookies para melhorar a sua experiência e analisar o tráfego do site, não vendemos os dados.', 'pt'],
    ['Używamy plików cookie, aby poprawić działanie serwisu i w celach analitycznych, oraz do reklam.', 'pl'],
    ['我们使用Cookie来改善您的体验并分析网站流量。', 'zh'],
  ])('%s -> %s', (text, expected) => {
    expect(guessLanguage(text, null)).toBe(expected);
  });

  it('falls back to the declared page language for short texts', () => {
    expect(guessLanguage('Cookies?', 'de-AT')).toBe('de');
    expect(guessLanguage('Cookies?', null)).toBe('und');
  });
});
