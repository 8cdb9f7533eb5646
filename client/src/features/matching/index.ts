/** What other features use of matching; everything else stays inside the feature. */
export { MatchedTerms, ScoreBar, TopReasons } from './MatchParts';
export { NotRelevantModal } from './NotRelevantModal';
export { AnyPairExplainer } from './PairExplainer';
export { sendFeedback, type NotRelevantReason } from './feedback';
