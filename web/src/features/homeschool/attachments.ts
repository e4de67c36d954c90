import { Upload } from 'tus-js-client'
import { tusOptions, tusProblem, uploadIdOf } from '@/api/ingest'
import type { Problem } from '@/api/problem'

/** The upload purpose the server accepts from parents, students and teachers (pictures, recordings, videos, PDFs). */
export const ATTACHMENT_PURPOSE = 'homeschool-attachment'

/** What the file picker offers on a phone: the camera, the gallery and the voice recorder. */
export const ATTACHMENT_ACCEPT = 'image/*,audio/*,video/*,application/pdf'

export function attachmentMetadata(file: Pick<File, 'name' | 'type'>): Record<string, string> {
  return { filename: file.name, filetype: file.type || 'application/octet-stream', purpose: ATTACHMENT_PURPOSE }
}

/** An upload the server refused (e.g. 422 `not-an-attachment`), with its problem detail when there is one. */
export class AttachmentRefused extends Error {
  constructor(readonly problem: Problem | null, cause: Error) {
    super(problem?.detail ?? cause.message)
  }
}

/**
 * Sends one file with the platform's resumable uploads and resolves to its upload id, which the homework or
 * submission then names in `attachments` (the server takes the file over then).
 */
export function uploadAttachment(file: File, onProgress?: (sent: number, total: number) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    let upload: Upload | null = null
    const options = tusOptions(attachmentMetadata(file), {
      onProgress: (sent, total) => onProgress?.(sent, total),
      onSuccess: () => {
        const id = uploadIdOf(upload?.url ?? null)
        if (id) resolve(id)
        else reject(new Error('no upload id'))
      },
      onError: (error) => reject(new AttachmentRefused(tusProblem(error), error)),
    })
    // a refused file is refused again on retry: do not resume someone's earlier attempt at the same file
    options.storeFingerprintForResuming = false
    upload = new Upload(file, options)
    upload.start()
  })
}

/** Human size: 532 B, 12.4 KB, 3.1 MB. */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}
