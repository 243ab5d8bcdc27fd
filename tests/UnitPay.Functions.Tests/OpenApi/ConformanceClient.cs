using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace UnitPay.Functions.Tests.OpenApi;

/// <summary>
/// Sends requests over real HTTP and checks every answer against the OpenAPI document: the request must be an
/// operation of the document, the status one it documents, the body valid against that status's schema. Problems are
/// collected (not thrown) so one run reports every mismatch; <see cref="Answered"/> records what was exercised.
/// </summary>
internal sealed class ConformanceClient(HttpClient client, OpenApiSpec spec)
{
    public List<string> Problems { get; } = [];

    /// <summary>Each (operationId, status) answered and checked.</summary>
    public SortedSet<string> Answered { get; } = new(StringComparer.Ordinal);

    public Task<(int Status, JsonNode? Body)> GetAsync(string path) => SendAsync(HttpMethod.Get, path, null);

    public Task<(int Status, JsonNode? Body)> PostAsync(string path, object? body = null, string? idempotencyKey = null) =>
        SendAsync(HttpMethod.Post, path, body is null ? null : JsonContent.Create(body), idempotencyKey);

    public Task<(int Status, JsonNode? Body)> PutAsync(string path, object body) => SendAsync(HttpMethod.Put, path, JsonContent.Create(body));

    public Task<(int Status, JsonNode? Body)> DeleteAsync(string path) => SendAsync(HttpMethod.Delete, path, null);

    public Task<(int Status, JsonNode? Body)> PostRawAsync(string path, string body) =>
        SendAsync(HttpMethod.Post, path, new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

    public async Task<(int Status, JsonNode? Body)> SendAsync(HttpMethod method, string path, HttpContent? content, string? idempotencyKey = null, HttpClient? other = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        using var response = await (other ?? client).SendAsync(request);
        var status = (int)response.StatusCode;
        var text = await response.Content.ReadAsStringAsync();
        var operation = spec.Find(method.Method, path);
        if (operation is null)
        {
            Problems.Add($"{method} {path}: no operation in the document");
        }
        else
        {
            Problems.AddRange(spec.Check(operation, status, response.Content.Headers.ContentType?.ToString(), text));
            Answered.Add($"{operation.Id} {status}");
        }

        var json = response.Content.Headers.ContentType?.MediaType?.Contains("json", StringComparison.Ordinal) == true && text.Length > 0 ? JsonNode.Parse(text) : null;
        return (status, json);
    }
}
