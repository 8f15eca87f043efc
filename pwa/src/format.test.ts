import { describe, expect, it } from 'vitest';
import { formatDate, formatMonth, formatVnd } from './format';

// Intl separates the amount and the symbol with a no-break space.
const plain = (s: string): string => s.replace(/\s/gu, ' ');

describe('formatVnd', () => {
  it('groups thousands with dots and puts the đồng sign last', () => {
    expect(plain(formatVnd(50000))).toBe('50.000 ₫');
    expect(plain(formatVnd(1250000))).toBe('1.250.000 ₫');
    expect(plain(formatVnd(0))).toBe('0 ₫');
  });
});

describe('formatDate', () => {
  it('reads the day in Hà Nội time, not UTC', () => {
    // 18:30 UTC on 31 Dec is already 1 Jan in Việt Nam.
    expect(formatDate('2025-12-31T18:30:00Z', 'vi')).toBe('01/01/2026');
    expect(formatDate('2025-12-31T18:30:00Z', 'en')).toBe('01/01/2026');
  });
});

describe('formatMonth', () => {
  it('shows a report month (yyyy-mm) as mm/yyyy, as dates are read here', () => {
    expect(formatMonth('2026-01')).toBe('01/2026');
    expect(formatMonth('2026-11')).toBe('11/2026');
    expect(formatMonth('not a month')).toBe('not a month');
  });
});
