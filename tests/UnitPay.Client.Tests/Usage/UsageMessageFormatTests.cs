using System.Text;
using UnitPay.Contracts.Usage;

namespace UnitPay.Client.Tests.Usage;

/// <summary>The shared message format: what the producer writes is what the worker reads.</summary>
public sealed class UsageMessageFormatTests
{
    [Fact]
    public void Packed_messages_fit_the_queue_after_base64_and_keep_every_event_in_order()
    {
        var events = Enumerable.Range(0, 3_000)
            .Select(i => new UsageEvent { CustomerId = "cus_" + i, FeatureSlug = "ai-generation", Quantity = 1.5m, IdempotencyKey = "key-" + i + new string('k', i % 150) })
            .ToList();

        var messages = UsageMessageFormat.Pack("org_1", events);
        var read = messages.Select(m => UsageMessageFormat.Deserialize(m)!).ToList();

        Assert.True(messages.Count > 1);
        Assert.All(messages, m => Assert.True(Convert.ToBase64String(Encoding.UTF8.GetBytes(m)).Length <= UsageMessageFormat.MaxQueueMessageBytes));
        Assert.All(read, m => Assert.Equal("org_1", m.OrgId));
        Assert.Equal(events, read.SelectMany(m => m.Events!));
    }

    [Fact]
    public void The_worker_reads_what_the_producer_writes()
    {
        var message = UsageMessageFormat.Pack("org_1", [new UsageEvent { CustomerId = "user_1", FeatureSlug = "chat", Quantity = 2 }]).Single();

        var parsed = UnitPay.Core.Usage.UsageCodec.Parse(message);

        Assert.Equal("{\"orgId\":\"org_1\",\"events\":[{\"customerId\":\"user_1\",\"featureSlug\":\"chat\",\"quantity\":2}]}", message);
        Assert.Equal(("org_1", "user_1", 2m), (parsed.OrgId, parsed.Events![0].CustomerId, parsed.Events[0].Quantity));
    }
}
