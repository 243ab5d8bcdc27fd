namespace UnitPay.Core.TopUps;

/// <summary>
/// What one sweeper run did: attempts it looked at, pending ones it resumed (same idempotency key), failed auto top-ups it
/// replayed, entries it removed (settled), entries another sweeper held (<see cref="Contended"/>), and attempts whose
/// handling threw (left for the next run), and recorded auto top-up crossings no firer handled that it replayed.
/// </summary>
public sealed record TopUpSweepSummary(int Looked, int Resumed, int Replayed, int Removed, int Contended, int Failed, int Crossings = 0);
