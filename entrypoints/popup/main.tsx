// Entry of the toolbar popup.
import { render } from 'preact';
import '@/components/style.css';
import './popup.css';
import { Popup } from './Popup';

render(<Popup />, document.getElementById('app')!);
