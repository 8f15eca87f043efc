import type { Lang } from './i18n/i18n';

const LOCALES: Record<Lang, string> = { vi: 'vi-VN', en: 'en-GB' };

/** A fee in đồng, always formatted the Vietnamese way (50.000 ₫); 0 is "free" in the caller's words. */
export function formatVnd(amount: number): string {
  return new Intl.NumberFormat('vi-VN', { style: 'currency', currency: 'VND', maximumFractionDigits: 0 }).format(
    amount,
  );
}

/** A calendar date as people in the province read it: dd/mm/yyyy, in Asia/Ho_Chi_Minh. */
export function formatDate(iso: string, lang: Lang): string {
  return new Intl.DateTimeFormat(LOCALES[lang], {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    timeZone: 'Asia/Ho_Chi_Minh',
  }).format(new Date(iso));
}

/** Date and time: dd/mm/yyyy HH:mm, in Asia/Ho_Chi_Minh. */
export function formatDateTime(iso: string | number, lang: Lang): string {
  const parts = new Intl.DateTimeFormat(LOCALES[lang], {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
    timeZone: 'Asia/Ho_Chi_Minh',
  }).formatToParts(new Date(iso));
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('day')}/${get('month')}/${get('year')} ${get('hour')}:${get('minute')}`;
}

/** A report month ("2026-03", as the API names periods) the way dates read here: 03/2026. */
export function formatMonth(period: string): string {
  const match = /^(\d{4})-(\d{2})$/u.exec(period);
  return match ? `${match[2]}/${match[1]}` : period;
}
