namespace Streaming.Model.Scoring;

/// <summary>What <see cref="NoveltyDetector"/> found about one value.</summary>
/// <param name="OutOfRange">The value lies beyond the range seen so far by more than the tolerance.</param>
/// <param name="Context">Score of the value's context in [0, <see cref="NoveltyDetector.ContextWeight"/>]: the share of its recent
/// band sequences never seen before, times the weight.</param>
public readonly record struct Novelty(bool OutOfRange, double Context);
