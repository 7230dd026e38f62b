export { choose, isChosen, ItemView, type ItemViewProps } from './ItemView.tsx';
export { ProblemLine, type ProblemLineProps } from './ProblemLine.tsx';
export { RichText, type AssetUrl } from './RichText.tsx';
