import { cleanup } from '@solidjs/testing-library';
import { afterEach } from 'vitest';

// Each test starts on an empty page; the fetch a fake server stubbed is restored by `unstubGlobals` in the config.
afterEach(cleanup);
