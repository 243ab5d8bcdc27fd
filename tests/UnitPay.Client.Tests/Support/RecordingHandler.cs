using System.Collections.Concurrent;
using System.Diagnostics;

namespace UnitPay.Client.Tests.Support;

/// <summary>
/// Sits between the client and the network and writes down every attempt: when it was sent, its Idempotency-Key,
/// and the answer's status and Retry-After. <see cref="LoseAnswer"/> makes it drop the answer of matching requests
/// after the server handled them, as a connection reset would.
/// </summary>
public sealed class RecordingHandler : DelegatingHandler
{
    private int _losses;

    public RecordingHandler()
        : base(new SocketsHttpHandler())
    {
    }

    public ConcurrentQueue<Attempt> Attempts { get; } = new();

    /// <summary>The answers to lose: how many, and of which requests.</summary>
    public (int Count, Func<HttpRequestMessage, bool> Matches) LoseAnswer { get; set; } = (0, _ => false);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var sentAt = Stopwatch.GetTimestamp();
        var key = request.Headers.TryGetValues("Idempotency-Key", out var values) ? values.Single() : null;
        var response = await base.SendAsync(request, cancellationToken);
        var answeredAt = Stopwatch.GetTimestamp();
        var lost = LoseAnswer.Matches(request) && Interlocked.Increment(ref _losses) <= LoseAnswer.Count;
        Attempts.Enqueue(new Attempt(request.Method, request.RequestUri!.AbsolutePath, key, (int)response.StatusCode, response.Headers.RetryAfter?.Delta, sentAt, answeredAt, lost));
        if (lost)
        {
            response.Dispose();
            throw new HttpRequestException("The connection was reset (the test lost the answer).");
        }

        return response;
    }

    public sealed record Attempt(HttpMethod Method, string Path, string? IdempotencyKey, int Status, TimeSpan? RetryAfter, long SentAt, long AnsweredAt, bool Lost);
}
