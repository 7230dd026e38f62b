import { render } from 'solid-js/web';
import { httpApi, localTokenStore } from './api/http.ts';
import { App } from './App.tsx';
import { deviceId } from './device.ts';
import '@kaowu/item-view/item-view.css';
import './styles.css';

const storage = window.localStorage;
const tokens = localTokenStore(storage);
const root = document.getElementById('app')!;
render(() => <App api={httpApi(tokens)} storage={storage} deviceId={deviceId(storage)} resume={tokens.get()} />, root);
