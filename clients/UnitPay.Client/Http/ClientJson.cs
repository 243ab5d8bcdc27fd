using System.Text.Json;
using System.Text.Json.Serialization;

namespace UnitPay.Client.Http;

/// <summary>The API's JSON: camelCase, case-insensitive reads, nulls not sent (the API reads a missing field as "not given").</summary>
internal static class ClientJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
