import { describe, expect, it } from 'vitest'
import { sanitizeNotice } from './sanitize'

describe('sanitizeNotice', () => {
  it('keeps formatting and drops scripts, handlers and links', () => {
    const html = sanitizeNotice('<h1 style="color:red" onclick="x()">放学通知</h1><script>alert(1)</script><a href="javascript:x">点</a><p>请<b>按时</b>离校</p>')
    expect(html).toBe('<h1 style="color:red">放学通知</h1>点<p>请<b>按时</b>离校</p>')
  })
})
