import { describe, expect, it } from 'vitest'
import { sanitizeHighlight } from './highlight'

describe('search highlight sanitiser', () => {
  it('keeps the marks of the server', () => {
    expect(sanitizeHighlight('一元二次<mark>方程</mark>的解法')).toBe('一元二次<mark>方程</mark>的解法')
  })

  it('keeps the escaping of the text', () => {
    expect(sanitizeHighlight('a &lt;b&gt; &amp; <mark>c</mark>')).toBe('a &lt;b&gt; &amp; <mark>c</mark>')
  })

  it('drops scripts with their content', () => {
    expect(sanitizeHighlight('x<script>alert(1)</script>y')).toBe('xy')
  })

  it('strips attributes from marks', () => {
    expect(sanitizeHighlight('<mark onclick="alert(1)" class="x">数学</mark>')).toBe('<mark>数学</mark>')
  })

  it('unwraps other elements to their text', () => {
    expect(sanitizeHighlight('<img src=x onerror="alert(1)"><b>粗</b><a href="javascript:1">链</a>')).toBe('粗链')
  })
})
