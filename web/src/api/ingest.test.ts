import { describe, expect, it } from 'vitest'
import { Upload, type HttpRequest, type HttpResponse, type HttpStack } from 'tus-js-client'
import { encodeTusMetadata, lessonMetadata, readCookie, tusOptions, tusProblem, tusStatus, uploadIdOf } from './ingest'

/** Decodes one tus metadata value as the server does (base64 of UTF-8). */
function decode(value: string): string {
  return new TextDecoder().decode(Uint8Array.from(atob(value), (c) => c.charCodeAt(0)))
}

interface Sent {
  method: string
  url: string
  headers: Record<string, string>
}

/** A tus server in memory: creates an upload, accepts PATCHes, answers the last one with `finalAnswer`. */
function fakeServer(finalAnswer: { status: number; body: string } = { status: 204, body: '' }): { stack: HttpStack; sent: Sent[] } {
  const sent: Sent[] = []
  let offset = 0
  const stack: HttpStack = {
    getName: () => 'fake',
    createRequest(method: string, url: string): HttpRequest {
      const headers: Record<string, string> = {}
      const request: HttpRequest = {
        getMethod: () => method,
        getURL: () => url,
        // like XMLHttpRequest: setting a header twice sends both values ("a, a")
        setHeader: (name, value) => {
          headers[name] = name in headers ? `${headers[name]}, ${value}` : value
        },
        getHeader: (name) => headers[name],
        setProgressHandler: () => undefined,
        abort: async () => undefined,
        getUnderlyingObject: () => null,
        async send(body: unknown): Promise<HttpResponse> {
          sent.push({ method, url, headers: { ...headers } })
          let status = 204
          let responseBody = ''
          const responseHeaders: Record<string, string> = { 'Tus-Resumable': '1.0.0' }
          if (method === 'POST') {
            status = 201
            responseHeaders.Location = '/api/v1/uploads/u-123'
          } else if (method === 'PATCH') {
            const size = (body as { length?: number; size?: number } | null)?.length ?? (body as { size?: number } | null)?.size ?? 0
            if (size === 0) throw new Error('empty PATCH') // would loop forever
            offset += size
            responseHeaders['Upload-Offset'] = String(offset)
            if (offset >= Number(headers['Upload-Length'] ?? '0') || offset >= 11) {
              status = finalAnswer.status
              responseBody = finalAnswer.body
            }
          }
          return {
            getStatus: () => status,
            getHeader: (name) => responseHeaders[name],
            getBody: () => responseBody,
            getUnderlyingObject: () => null,
          }
        },
      }
      return request
    },
  }
  return { stack, sent }
}

function run(finalAnswer?: { status: number; body: string }, token: () => string = () => 'csrf-1') {
  const server = fakeServer(finalAnswer)
  const file = new File(['hello video'], '勾股定理 第一课.mp4', { type: 'video/mp4' })
  const metadata = lessonMetadata(file, 'ab'.repeat(32), { title: '勾股定理', subjectId: 3, gradeId: null, classId: 12 })
  return new Promise<{ sent: Sent[]; error: Error | null }>((resolve) => {
    const options = tusOptions(
      metadata,
      {
        onProgress: () => undefined,
        onSuccess: () => resolve({ sent: server.sent, error: null }),
        onError: (error) => resolve({ sent: server.sent, error }),
      },
      token,
    )
    // Vitest loads tus-js-client's Node build, which reads Buffers; the browser build reads the File itself.
    const upload = new Upload(Buffer.from('hello video'), { ...options, httpStack: server.stack, storeFingerprintForResuming: false, retryDelays: null })
    upload.start()
  })
}

describe('tus upload options', () => {
  it('sends the CSRF header on every tus request', async () => {
    const { sent, error } = await run()
    expect(error).toBeNull()
    expect(sent.map((r) => r.method)).toEqual(['POST', 'PATCH'])
    for (const request of sent) expect(request.headers['X-XSRF-TOKEN']).toBe('csrf-1')
  })

  it('sends the cookie value of the moment when it changes between requests', async () => {
    let calls = 0
    const { sent } = await run(undefined, () => (calls++ < 2 ? 'before' : 'after'))
    expect(sent[0].headers['X-XSRF-TOKEN']).toBe('before')
    expect(sent[1].headers['X-XSRF-TOKEN']).toBe('after')
  })

  it('encodes the metadata as UTF-8 base64, Chinese file names included', async () => {
    const { sent } = await run()
    const header = sent[0].headers['Upload-Metadata']
    const pairs = Object.fromEntries(header.split(',').map((pair) => pair.split(' ')).map(([k, v]) => [k, decode(v)]))
    expect(pairs).toEqual({
      filename: '勾股定理 第一课.mp4',
      filetype: 'video/mp4',
      purpose: 'lesson',
      sha256: 'ab'.repeat(32),
      title: '勾股定理',
      subjectId: '3',
      classId: '12',
    })
  })

  it('reads the reason of a rejected file from the final PATCH', async () => {
    const body = JSON.stringify({
      type: 'https://ketang.dev/problems/upload-rejected',
      status: 422,
      detail: '不是有效的视频文件：没有视频流',
      detailEn: 'Not a usable video: no video stream',
      reason: 'no-video-stream',
    })
    const { error } = await run({ status: 422, body })
    expect(error).not.toBeNull()
    expect(tusStatus(error as Error)).toBe(422)
    expect(tusProblem(error as Error)).toMatchObject({ status: 422, detail: '不是有效的视频文件：没有视频流', detailEn: 'Not a usable video: no video stream' })
  })

  it('has no problem for a network error', () => {
    expect(tusProblem(new Error('network'))).toBeNull()
    expect(tusStatus(new Error('network'))).toBeNull()
  })
})

describe('lesson metadata', () => {
  it('leaves out blank fields so the server classifies from the timetable', () => {
    const metadata = lessonMetadata({ name: 'a.mov', type: '' }, null, { title: '  ', subjectId: null, period: 3 })
    expect(metadata).toEqual({ filename: 'a.mov', filetype: 'application/octet-stream', purpose: 'lesson', period: '3' })
  })

  it('encodes like the tus header', () => {
    expect(encodeTusMetadata({ filename: '数学.mp4', purpose: 'lesson' })).toBe('filename 5pWw5a2mLm1wNA==,purpose bGVzc29u')
  })
})

describe('helpers', () => {
  it('reads a cookie', () => {
    expect(readCookie('XSRF-TOKEN', 'a=1; XSRF-TOKEN=abc%3D; b=2')).toBe('abc=')
    expect(readCookie('XSRF-TOKEN', 'a=1')).toBeNull()
  })

  it('takes the upload id from the tus URL', () => {
    expect(uploadIdOf('http://h/api/v1/uploads/7f3a')).toBe('7f3a')
    expect(uploadIdOf(null)).toBeNull()
  })
})
