/** What other features use of registrar; everything else stays inside the feature. */
export { ReviewPanel } from './ReviewPanel';
