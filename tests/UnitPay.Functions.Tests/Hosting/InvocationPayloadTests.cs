using System.Text.Json;
using UnitPay.Functions.Hosting;

namespace UnitPay.Functions.Tests.Hosting;

/// <summary>The custom-handler payload shapes, as the Functions documentation shows them for a queue and a timer trigger.</summary>
public sealed class InvocationPayloadTests
{
    // The web defaults (camelCase) are what the handler's JSON results use: the response must stay PascalCase anyway.
    private static readonly JsonSerializerOptions WebJson = new(JsonSerializerDefaults.Web);

    // A queue trigger invocation: the message text under the binding name, the message's properties in Metadata.
    private const string QueuePayload = """
        {
          "Data": { "message": "{\"orgId\":\"org_1\",\"events\":[]}" },
          "Metadata": {
            "DequeueCount": 2,
            "ExpirationTime": "2026-11-30T10:00:00+00:00",
            "Id": "8a0d8f6d-2e52-4a55-9a1e-9c1b7d2c4e11",
            "InsertionTime": "2026-11-23T10:00:00+00:00",
            "NextVisibleTime": "2026-11-23T10:10:00+00:00",
            "PopReceipt": "AgAAAAMAAAAAAAAA",
            "sys": { "MethodName": "DeductUsageQueue", "UtcNow": "2026-11-23T10:00:01Z", "RandGuid": "a2b6f0c4-0000-4000-8000-000000000000" }
          }
        }
        """;

    // A timer trigger invocation: the timer info object under the binding name.
    private const string TimerPayload = """
        {
          "data": {
            "timer": {
              "Schedule": { "AdjustForDST": true },
              "ScheduleStatus": { "Last": "2026-11-23T09:55:00+00:00", "Next": "2026-11-23T10:00:00+00:00", "LastUpdated": "2026-11-23T09:55:00+00:00" },
              "IsPastDue": false
            }
          },
          "metadata": { "sys": { "MethodName": "ExpireGrantsTimer", "UtcNow": "2026-11-23T10:00:00Z", "RandGuid": "b" } }
        }
        """;

    [Fact]
    public void Queue_payload_gives_the_message_text_and_its_dequeue_count()
    {
        var invocation = InvocationRequest.Parse(QueuePayload);

        Assert.Equal("{\"orgId\":\"org_1\",\"events\":[]}", invocation.TextOf("message"));
        Assert.Equal(2, invocation.DequeueCount);
        Assert.Equal("8a0d8f6d-2e52-4a55-9a1e-9c1b7d2c4e11", invocation.MetadataText("Id"));
    }

    [Fact]
    public void Payload_is_read_case_insensitively()
    {
        var invocation = InvocationRequest.Parse(TimerPayload);

        Assert.True(invocation.Data.ContainsKey("TIMER"));
        var timer = JsonDocument.Parse(invocation.TextOf("timer")!).RootElement;
        Assert.False(timer.GetProperty("IsPastDue").GetBoolean());
        Assert.Equal("ExpireGrantsTimer", invocation.Metadata["sys"].GetProperty("MethodName").GetString());
    }

    [Fact]
    public void A_json_object_message_is_turned_back_into_its_text()
    {
        var invocation = InvocationRequest.Parse("""{"Data":{"message":{"orgId":"org_1"}},"Metadata":{}}""");

        Assert.Equal("""{"orgId":"org_1"}""", invocation.TextOf("message"));
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("42")]
    [InlineData("{not json")]
    public void A_payload_that_is_not_an_object_is_refused(string payload) =>
        Assert.ThrowsAny<JsonException>(() => InvocationRequest.Parse(payload));

    [Fact]
    public void Response_is_written_in_pascal_case()
    {
        var json = JsonSerializer.Serialize(new InvocationResponse { Logs = ["done"], ReturnValue = 3 }, WebJson);

        using var document = JsonDocument.Parse(json);
        Assert.Equal(["Outputs", "Logs", "ReturnValue"], document.RootElement.EnumerateObject().Select(p => p.Name));
    }
}
