import { http } from './http'

// Types and calls of the platform's `media` module (transcode queue, asset progress). Field names match the
// JSON of MediaAdminController / MediaLibrary.Status exactly.

export type AssetState = 'PROCESSING' | 'READY' | 'REJECTED' | 'FAILED' | 'CANCELLED'
export type JobState = 'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED'

/** One job of an asset (probe, poster, sprite, a rendition…). */
export interface MediaJob {
  id: number
  kind: string
  state: JobState
  attempts: number
  percent: number
  etaSeconds: number | null
  error: string | null
}

/** Progress of an asset, polled by the upload page. */
export interface AssetStatus {
  assetId: number
  ownerRef: string
  state: AssetState
  durationSeconds: number | null
  width: number | null
  height: number | null
  /** Heights already published, lowest first. */
  renditions: number[]
  posterKey: string | null
  error: string | null
  /** Overall progress 0–100. */
  percent: number
  /** Seconds left for the running jobs; null when unknown. */
  etaSeconds: number | null
  jobs: MediaJob[]
}

/** GET /media/assets/{id}: the lesson's teacher or uploader, or a lesson manager of its school (404 otherwise). */
export async function fetchAssetStatus(assetId: number): Promise<AssetStatus> {
  return (await http.get<AssetStatus>(`/media/assets/${assetId}`)).data
}
