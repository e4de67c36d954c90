import { createApp } from 'vue'
import DisplayApp from './DisplayApp.vue'

// The display player is its own small page (no router, no sign-in, no UI library): it runs unattended for months.
createApp(DisplayApp).mount('#display')
