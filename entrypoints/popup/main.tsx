import { render } from 'preact';
render(<p>Palimpsest</p>, document.getElementById('app')!);
