/** What the signage console's pages share: the bilingual wording helper, error toasts and names of kinds and levels. */
import { ElMessage } from 'element-plus'
import { errorMessage } from '@/api/problem'
import { lang } from '@/i18n'
import type { ContentKind } from '@/api/signage'

/** Chinese first, English second, as everywhere in the console. */
export function say(zh: string, en: string): string {
  return lang.value === 'en' ? en : zh
}

export function fail(e: unknown): void {
  ElMessage.error(errorMessage(e, lang.value, say('操作失败', 'Something went wrong')))
}

export function time(iso: string | null): string {
  return iso ? new Date(iso).toLocaleString('zh-CN', { hour12: false }) : '—'
}

export const kindNames: Record<ContentKind, [string, string]> = {
  VIDEO: ['视频', 'Video'], IMAGE: ['图片', 'Image'], NOTICE: ['通知', 'Notice'], LESSON: ['课例', 'Lesson'], LIVE: ['直播', 'Live'], WEB: ['网页', 'Web page'],
}

export const levelNames: Record<string, [string, string]> = {
  EMERGENCY: ['紧急', 'Emergency'], FORCED: ['强制', 'Forced'], SCHEDULED: ['普通', 'Scheduled'], DEFAULT: ['默认轮播', 'Default loop'],
}
