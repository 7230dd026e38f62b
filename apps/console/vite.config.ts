import { defineConfig } from 'vite';
import solid from 'vite-plugin-solid';
import { FRONT_END_BUILD, SHARED_HEAD } from '../front-end-build.ts';

/** The console's production build, served by the server under /console/ (shared settings: ../front-end-build.ts). */
export default defineConfig({ base: '/console/', plugins: [solid(), SHARED_HEAD], ...FRONT_END_BUILD });
