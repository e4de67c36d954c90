import { computed } from 'vue'
import { createI18n } from 'vue-i18n'
import elementZhCn from 'element-plus/es/locale/lang/zh-cn'
import elementEn from 'element-plus/es/locale/lang/en'
import { Locale as VantLocale } from 'vant'
import vantEnUS from 'vant/es/locale/lang/en-US'
import vantZhCN from 'vant/es/locale/lang/zh-CN'
import type { Lang } from '@/api/problem'
import zhCN from './zh-CN'
import en from './en'

export type { Lang }

const STORAGE_KEY = 'ketang.lang'

/** The saved language, Chinese unless the user chose English. */
export function savedLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh-CN'
  } catch {
    return 'zh-CN'
  }
}

export const i18n = createI18n({
  legacy: false,
  locale: savedLang(),
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zhCN, en },
})

/** The current language as a typed value. */
export const lang = computed<Lang>(() => (i18n.global.locale.value === 'en' ? 'en' : 'zh-CN'))

/** Element Plus follows the app language (used by <el-config-provider> in App.vue). */
export const elementLocale = computed(() => (lang.value === 'en' ? elementEn : elementZhCn))

function applyLang(value: Lang): void {
  i18n.global.locale.value = value
  if (value === 'en') VantLocale.use('en-US', vantEnUS)
  else VantLocale.use('zh-CN', vantZhCN)
  if (typeof document !== 'undefined') document.documentElement.lang = value
}

/** Switches the language everywhere and remembers it for the next visit. */
export function setLang(value: Lang): void {
  applyLang(value)
  try {
    localStorage.setItem(STORAGE_KEY, value)
  } catch {
    // private mode: the choice lasts for this page only
  }
}

export function toggleLang(): void {
  setLang(lang.value === 'en' ? 'zh-CN' : 'en')
}

applyLang(savedLang())
