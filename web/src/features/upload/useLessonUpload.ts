import { computed, ref, shallowRef } from 'vue'
import { Upload, type PreviousUpload } from 'tus-js-client'
import { fetchUpload, lessonMetadata, type UploadView, tusOptions, tusProblem, tusStatus, uploadIdOf, type LessonUploadFields } from '@/api/ingest'
import type { Problem } from '@/api/problem'
import { percentOf } from '@/features/library/format'
import { SpeedMeter } from './speedMeter'
import { sha256OfFile } from './sha256'

/** An unfinished upload found in tus-js-client's localStorage, with what the server says of it. */
export interface ResumableUpload {
  previous: PreviousUpload
  server: UploadView
}

export type UploadPhase = 'idle' | 'hashing' | 'uploading' | 'paused' | 'failed' | 'done'

/** Why an upload stopped: the server's problem (a refused file), or a network error to resume from. */
export interface UploadFailure {
  problem: Problem | null
  status: number | null
  message: string
}

/**
 * One lesson upload: sha256 first (streamed), then tus with pause, resume and resume-after-reload through
 * tus-js-client's fingerprints in localStorage. A previous unfinished upload of the same file is resumed
 * without hashing again (its metadata, sha256 included, is already on the server).
 */
export function useLessonUpload() {
  const phase = ref<UploadPhase>('idle')
  const hashed = ref(0)
  const sent = ref(0)
  const total = ref(0)
  const speed = ref(0)
  const secondsLeft = ref<number | null>(null)
  const failure = ref<UploadFailure | null>(null)
  const uploadId = ref<string | null>(null)
  /** Percent already on the server when a previous upload was resumed. */
  const resumedFrom = ref<number | null>(null)
  const upload = shallowRef<Upload | null>(null)
  const meter = new SpeedMeter()
  let hashing: AbortController | null = null

  const percent = computed(() => percentOf(sent.value, total.value))
  const hashPercent = computed(() => percentOf(hashed.value, total.value))

  function callbacks() {
    return {
      onProgress: (bytesSent: number, bytesTotal: number) => {
        sent.value = bytesSent
        total.value = bytesTotal
        meter.sample(bytesSent, performance.now())
        speed.value = meter.speed()
        secondsLeft.value = meter.secondsLeft(bytesTotal)
      },
      onSuccess: () => {
        uploadId.value = uploadIdOf(upload.value?.url ?? null)
        sent.value = total.value
        phase.value = 'done'
      },
      onError: (error: Error) => {
        failure.value = { problem: tusProblem(error), status: tusStatus(error), message: error.message }
        phase.value = 'failed'
      },
      onUploadUrlAvailable: () => {
        uploadId.value = uploadIdOf(upload.value?.url ?? null)
      },
    }
  }

  /** An unfinished upload of this file that the server still accepts bytes for, if any. */
  async function previousOf(file: File): Promise<ResumableUpload | null> {
    const probe = new Upload(file, tusOptions(lessonMetadata(file, null, {}), callbacks()))
    const previous = await probe.findPreviousUploads()
    for (const candidate of previous.sort((a, b) => b.creationTime.localeCompare(a.creationTime))) {
      const id = uploadIdOf(candidate.uploadUrl)
      if (!id) continue
      try {
        const known = await fetchUpload(id)
        if (known.state === 'RECEIVING' && known.length === file.size) return { previous: candidate, server: known }
      } catch {
        // gone or not ours any more: start a new one
      }
    }
    return null
  }

  async function start(file: File, fields: LessonUploadFields): Promise<void> {
    failure.value = null
    uploadId.value = null
    resumedFrom.value = null
    sent.value = 0
    hashed.value = 0
    total.value = file.size
    meter.reset()

    const previous = await previousOf(file)
    let sha256: string | null = null
    if (!previous) {
      phase.value = 'hashing'
      hashing = new AbortController()
      try {
        sha256 = await sha256OfFile(file, (done) => (hashed.value = done), hashing.signal)
      } catch (error) {
        if (error instanceof DOMException && error.name === 'AbortError') {
          phase.value = 'idle'
          return
        }
        throw error
      } finally {
        hashing = null
      }
    }
    const tus = new Upload(file, tusOptions(lessonMetadata(file, sha256, fields), callbacks()))
    upload.value = tus
    if (previous) {
      tus.resumeFromPreviousUpload(previous.previous)
      sent.value = previous.server.offset
      resumedFrom.value = percentOf(previous.server.offset, previous.server.length)
    }
    phase.value = 'uploading'
    tus.start()
  }

  async function pause(): Promise<void> {
    if (phase.value !== 'uploading' || !upload.value) return
    await upload.value.abort(false)
    phase.value = 'paused'
    speed.value = 0
    secondsLeft.value = null
  }

  /** Continues after a pause or a network error; tus asks the server for the offset first. */
  function resume(): void {
    if (!upload.value || (phase.value !== 'paused' && phase.value !== 'failed')) return
    failure.value = null
    meter.reset()
    phase.value = 'uploading'
    upload.value.start()
  }

  /** Stops and deletes the upload on the server (tus termination). */
  async function cancel(): Promise<void> {
    hashing?.abort()
    if (upload.value) await upload.value.abort(true).catch(() => undefined)
    reset()
  }

  function reset(): void {
    upload.value = null
    phase.value = 'idle'
    failure.value = null
    uploadId.value = null
    resumedFrom.value = null
    sent.value = 0
    hashed.value = 0
    speed.value = 0
    secondsLeft.value = null
  }

  return { phase, hashed, hashPercent, sent, total, percent, speed, secondsLeft, failure, uploadId, resumedFrom, previousOf, start, pause, resume, cancel, reset }
}
