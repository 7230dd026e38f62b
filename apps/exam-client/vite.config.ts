import { defineConfig } from 'vite';
import solid from 'vite-plugin-solid';
import { FRONT_END_BUILD, SHARED_HEAD } from '../front-end-build.ts';

/**
 * The production build candidates get, served by the exam server under /exam/: no dev-only code, and what both
 * front ends share (../front-end-build.ts): external JS and CSS only for the CSP, no source maps.
 */
export default defineConfig({ base: '/exam/', plugins: [solid(), SHARED_HEAD], ...FRONT_END_BUILD });
