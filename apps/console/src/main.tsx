import { render } from 'solid-js/web';
import { App } from './App.tsx';
import '@kaowu/item-view/item-view.css';
import './styles.css';

render(() => <App />, document.getElementById('app')!);
