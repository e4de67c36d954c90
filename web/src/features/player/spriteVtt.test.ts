import { describe, expect, it } from 'vitest'
import { cueAt, parseSpriteVtt, parseVttTime } from './spriteVtt'

const VTT = `WEBVTT

00:00:00.000 --> 00:00:10.000
sprite.jpg#xywh=0,0,160,90

00:00:10.000 --> 00:00:20.000
sprite.jpg#xywh=160,0,160,90

1
00:00:20.000 --> 00:01:00.500
sprite.jpg#xywh=0,90,160,90

00:01:00.500 --> 00:01:10.000
no-fragment.jpg
`

const URL_OF_VTT = 'https://ketang.example/media/play/tok3n/sprite.vtt'

describe('seek-preview sprite (WebVTT with #xywh=)', () => {
  it('reads every cue with its region', () => {
    const cues = parseSpriteVtt(VTT, URL_OF_VTT)
    expect(cues).toHaveLength(3)
    expect(cues[1]).toEqual({ start: 10, end: 20, url: 'https://ketang.example/media/play/tok3n/sprite.jpg', x: 160, y: 0, w: 160, h: 90 })
    expect(cues[2].end).toBe(60.5)
  })

  it('resolves the image next to the VTT so the signed token carries over', () => {
    const [cue] = parseSpriteVtt('WEBVTT\r\n\r\n00:00.000 --> 00:05.000\r\nimg/s.jpg#xywh=1,2,3,4\r\n', URL_OF_VTT)
    expect(cue.url).toBe('https://ketang.example/media/play/tok3n/img/s.jpg')
    expect([cue.x, cue.y, cue.w, cue.h]).toEqual([1, 2, 3, 4])
  })

  it('skips malformed regions', () => {
    expect(parseSpriteVtt('WEBVTT\n\n00:00.000 --> 00:05.000\ns.jpg#xywh=1,2,3\n', URL_OF_VTT)).toEqual([])
  })

  it('parses times with and without hours', () => {
    expect(parseVttTime('01:02:03.500')).toBe(3723.5)
    expect(parseVttTime('02:03.5')).toBe(123.5)
    expect(parseVttTime('x')).toBeNaN()
  })

  it('finds the thumbnail for a time', () => {
    const cues = parseSpriteVtt(VTT, URL_OF_VTT)
    expect(cueAt(cues, 0)?.x).toBe(0)
    expect(cueAt(cues, 15)?.x).toBe(160)
    expect(cueAt(cues, 59)?.y).toBe(90)
    expect(cueAt(cues, 999)?.y).toBe(90)
    expect(cueAt([], 5)).toBeNull()
  })
})
