using System.Net;

namespace UnitPay.Client;

/// <summary>
/// An answer of the API that is not a success: its problem+json (RFC 9457) as typed fields. <see cref="Code"/> is
/// the API's stable code (<c>VALIDATION_FAILED</c>, <c>NOT_FOUND</c>, <c>RATE_LIMITED</c>, …); an answer that was
/// not problem+json (a proxy's error page) has the code <c>HTTP_&lt;status&gt;</c>.
/// </summary>
public sealed class UnitPayApiException : Exception
{
    /// <summary>Creates the exception of one answer.</summary>
    public UnitPayApiException(
        HttpStatusCode status,
        string code,
        string? title,
        string? detail,
        IReadOnlyDictionary<string, IReadOnlyList<string>>? errors = null,
        TimeSpan? retryAfter = null)
        : base($"{(int)status} {code}: {detail ?? title ?? "the request failed"}")
    {
        Status = status;
        Code = code;
        Title = title;
        Detail = detail;
        Errors = errors ?? new Dictionary<string, IReadOnlyList<string>>();
        RetryAfter = retryAfter;
    }

    /// <summary>The HTTP status of the answer.</summary>
    public HttpStatusCode Status { get; }

    /// <summary>The API's stable error code.</summary>
    public string Code { get; }

    /// <summary>The problem's title: the same for every problem of a code.</summary>
    public string? Title { get; }

    /// <summary>What went wrong with this request, for people.</summary>
    public string? Detail { get; }

    /// <summary>For <c>VALIDATION_FAILED</c>: the messages of each invalid field (such as <c>amount</c> or <c>creditCosts[0].costPerUnit</c>); empty otherwise.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Errors { get; }

    /// <summary>The wait the API asked for (<c>Retry-After</c>), when it did: with <c>RATE_LIMITED</c>, after the client's own retries ran out or the wait was longer than it waits.</summary>
    public TimeSpan? RetryAfter { get; }
}
