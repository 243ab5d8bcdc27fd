using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace UnitPay.Functions.Local;

/// <summary>Invokes a function of the handler the way the Functions host does: POST /{FunctionName} with the invocation payload.</summary>
public sealed class FunctionInvoker(HttpClient http)
{
    /// <summary>True when the handler answered 2xx (the invocation succeeded).</summary>
    public async Task<(bool Succeeded, int Status, string Body)> InvokeAsync(string functionName, JsonObject payload, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync("/" + functionName, payload, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        return (response.IsSuccessStatusCode, (int)response.StatusCode, body);
    }
}
