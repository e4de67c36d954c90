import { createApp } from 'vue'
import { createPinia } from 'pinia'
import ElementPlus from 'element-plus'
import 'element-plus/dist/index.css'
import App from './App.vue'
import { i18n } from './i18n'
import { createAppRouter } from './router'
import './styles.css'

const app = createApp(App)
app.use(createPinia())
app.use(i18n)
app.use(ElementPlus)
app.use(createAppRouter())
app.mount('#app')

// The offline shell of the installable app (家校通); not in `npm run dev`, where Vite serves changing files.
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  window.addEventListener('load', () => {
    void navigator.serviceWorker.register('/sw.js').catch(() => undefined)
  })
}
