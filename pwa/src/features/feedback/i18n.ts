import { defineMessages, useMessages } from '../../i18n/i18n';
import en from './en.json';
import vi from './vi.json';

export const MESSAGES = defineMessages(vi, en);
export const useT = () => useMessages(MESSAGES);
