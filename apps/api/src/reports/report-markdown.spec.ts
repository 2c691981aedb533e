import { formatEuro, mdText, reportToMarkdown } from './report-markdown.js';
import type { ReportView } from './report.dto.js';

describe('mdText', () => {
  it('makes typed text inert: no table breaks, markup, links or HTML', () => {
    expect(mdText('a | b')).toBe('a \\| b');
    expect(mdText('[klik](http://x)')).toBe('\\[klik\\]\\(http://x\\)');
    expect(mdText('<script>*x*</script>')).toBe('\\<script\\>\\*x\\*\\</script\\>');
    expect(mdText('regel 1\r\n\n  regel 2')).toBe('regel 1 regel 2');
    expect(mdText('# kop')).toBe('\\# kop');
  });
});

describe('formatEuro', () => {
  it('writes Dutch amounts', () => {
    expect(formatEuro(123_456_78)).toMatch(/^€\s123\.456,78$/u);
  });
});

describe('reportToMarkdown', () => {
  const report: ReportView = {
    id: '00000000-0000-4000-8000-000000000001',
    number: 7,
    createdAt: '2026-03-02T10:00:00.000Z',
    issuedBy: { id: 'w', name: 'Wethouder *Wim*' },
    logHead: { seq: 42, hash: 'ab'.repeat(32) },
    cases: [],
    transfers: [],
    totals: {
      caseCount: 0,
      honouredCount: 0,
      rejectedCount: 0,
      honouredAmountCents: 0,
      transferCount: 0,
      transferredAmountCents: 0,
      programmeYear: 2026,
      byAreaTheme: [],
      byArea: [
        {
          areaCode: 'oost',
          honouredCount: 0,
          rejectedCount: 0,
          honouredAmountCents: 0,
          transferredNetCents: 0,
          programme: null,
        },
      ],
    },
  };

  it('says plainly when there is nothing new, and still gives the anchor', () => {
    const md = reportToMarkdown(report, new Map([['oost', 'Oost']]));
    expect(md).toMatch(/^# Raadsinformatiebrief 7:/);
    expect(md).toContain('**Datum:** 2 maart 2026');
    expect(md).toContain('uitgebracht door Wethouder \\*Wim\\*');
    expect(md).toContain('geen nieuwe besluiten');
    expect(md).toContain('Geen budgetverschuivingen.');
    expect(md).toContain('| Oost | geen programma |');
    expect(md).toContain('laatste regel nummer 42');
    expect(md).toContain('ab'.repeat(32));
  });
});
