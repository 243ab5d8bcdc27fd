using System.Text;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Logging;
using UnitPay.Core.Faults;
using UnitPay.Functions.Hosting;

namespace UnitPay.Functions.Local;

/// <summary>
/// Drives one queue-triggered function the way the Functions host does, with the semantics host.json declares:
/// receive up to batchSize messages, fetch more when no more than newBatchThreshold are in flight, decode per
/// messageEncoding, delete on success, make a failed message visible again after visibilityTimeout, and move it to
/// <c>{queue}-poison</c> (content unchanged) once it has been dequeued maxDequeueCount times. The function is the
/// same <c>[Function]</c> method the Functions host invokes, called in-process with the decoded message text; it
/// fails when it throws.
/// </summary>
public sealed partial class QueueTriggerListener(
    FunctionDescriptor function,
    QueueClient queue,
    QueueClient poisonQueue,
    HostJson host,
    LocalFunctionInvoker invoker,
    TimeProvider clock,
    ILogger logger,
    IFaultInjector? faults = null)
{
    /// <summary>How long a received message stays invisible while its invocation runs (the host renews; we use a generous lease).</summary>
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(10);

    private int _inFlight;

    public long Succeeded => Interlocked.Read(ref _succeeded);

    public long Failed => Interlocked.Read(ref _failed);

    public long Poisoned => Interlocked.Read(ref _poisoned);

    /// <summary>The most invocations that ran at once (batchSize and newBatchThreshold bound it).</summary>
    public int PeakInFlight => Volatile.Read(ref _peakInFlight);

    private int _peakInFlight;

    private long _succeeded;
    private long _failed;
    private long _poisoned;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await poisonQueue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        var idleDelay = TimeSpan.FromMilliseconds(50);
        var running = new List<Task>();
        using var slotFreed = new SemaphoreSlim(0);
        while (!cancellationToken.IsCancellationRequested)
        {
            running.RemoveAll(t => t.IsCompleted);
            if (Volatile.Read(ref _inFlight) > host.QueueNewBatchThreshold)
            {
                await slotFreed.WaitAsync(TimeSpan.FromMilliseconds(200), cancellationToken);
                continue;
            }

            QueueMessage[] messages;
            try
            {
                messages = (await queue.ReceiveMessagesAsync(host.QueueBatchSize, Lease, cancellationToken)).Value;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogReceiveFailed(logger, e, function.Name);
                await Task.Delay(TimeSpan.FromSeconds(1), clock, cancellationToken);
                continue;
            }

            if (messages.Length == 0)
            {
                await Task.Delay(idleDelay, clock, cancellationToken);
                idleDelay = TimeSpan.FromTicks(Math.Min(idleDelay.Ticks * 2, host.MaxPollingInterval.Ticks));
                continue;
            }

            idleDelay = TimeSpan.FromMilliseconds(50);
            foreach (var message in messages)
            {
                var inFlight = Interlocked.Increment(ref _inFlight);
                if (inFlight > Volatile.Read(ref _peakInFlight))
                {
                    Volatile.Write(ref _peakInFlight, inFlight); // only this loop writes it
                }

                running.Add(Task.Run(
                    async () =>
                    {
                        try
                        {
                            await HandleAsync(message, cancellationToken);
                        }
                        finally
                        {
                            Interlocked.Decrement(ref _inFlight);
                            slotFreed.Release();
                        }
                    },
                    CancellationToken.None));
            }
        }

        await Task.WhenAll(running);
    }

    private async Task HandleAsync(QueueMessage message, CancellationToken cancellationToken)
    {
        try
        {
            if (message.DequeueCount > host.MaxDequeueCount)
            {
                await PoisonAsync(message, "dequeued more often than maxDequeueCount", cancellationToken);
                return;
            }

            var raw = message.Body.ToString();
            string? text = raw;
            if (host.Base64Messages)
            {
                try
                {
                    text = Encoding.UTF8.GetString(Convert.FromBase64String(raw));
                }
                catch (FormatException)
                {
                    text = null;
                }
            }

            var succeeded = false;
            var detail = "the message is not valid base64, as host.json's messageEncoding requires";
            if (text is not null)
            {
                try
                {
                    await invoker.InvokeTriggerAsync(function, text, cancellationToken);
                    faults?.Hit(FaultPoint.AfterCommitBeforeQueueDelete); // crash tests: the host would deliver it again
                    succeeded = true;
                }
                catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    detail = $"the function threw {e.GetType().Name}: {Truncate(e.Message)}";
                }
            }

            if (succeeded)
            {
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
                Interlocked.Increment(ref _succeeded);
                return;
            }

            Interlocked.Increment(ref _failed);
            LogInvocationFailed(logger, function.Name, message.MessageId, message.DequeueCount, detail);
            if (message.DequeueCount >= host.MaxDequeueCount)
            {
                await PoisonAsync(message, detail, cancellationToken);
            }
            else
            {
                await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: host.VisibilityTimeout, cancellationToken: cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: the message becomes visible again when its lease ends; nothing is lost.
        }
        catch (Exception e)
        {
            // The message stays in the queue and reappears after its lease: at-least-once, never dropped.
            LogHandlingFailed(logger, e, function.Name, message.MessageId);
        }
    }

    private async Task PoisonAsync(QueueMessage message, string reason, CancellationToken cancellationToken)
    {
        // The poison copy is the message exactly as it was (same encoded text), so nothing of it is lost.
        await poisonQueue.SendMessageAsync(message.Body.ToString(), cancellationToken);
        await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
        Interlocked.Increment(ref _poisoned);
        LogPoisoned(logger, function.Name, message.MessageId, poisonQueue.Name, message.DequeueCount, reason);
    }

    private static string Truncate(string text) => text.Length <= 300 ? text : text[..300] + "…";

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Function} failed on message {MessageId} (dequeue {DequeueCount}): {Detail}")]
    private static partial void LogInvocationFailed(ILogger logger, string function, string messageId, long dequeueCount, string detail);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Function}: message {MessageId} moved to {PoisonQueue} after {DequeueCount} dequeues: {Reason}")]
    private static partial void LogPoisoned(ILogger logger, string function, string messageId, string poisonQueue, long dequeueCount, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Function}: receiving messages failed; retrying")]
    private static partial void LogReceiveFailed(ILogger logger, Exception exception, string function);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Function}: handling message {MessageId} failed; it will be delivered again")]
    private static partial void LogHandlingFailed(ILogger logger, Exception exception, string function, string messageId);
}
