using Azure;
using Azure.Data.Tables;
using Azure.Data.Tables.Models;

namespace UnitPay.Core.Storage;

/// <summary>What a storage error means to the engine.</summary>
public enum StorageFailureKind
{
    /// <summary>412: someone else changed the row since it was read (ETag mismatch). Re-read and re-apply.</summary>
    Conflict,

    /// <summary>409: the row already exists. For a dedupe marker this means "already applied".</summary>
    AlreadyExists,

    NotFound,

    /// <summary>429, 503, 500, 408: the service is busy or briefly broken. Retry with back-off.</summary>
    Transient,

    /// <summary>Anything else: a bug or a misconfiguration. Do not retry.</summary>
    Permanent,
}

/// <summary>The one place that classifies storage failures.</summary>
public static class StorageFailure
{
    public static StorageFailureKind Classify(Exception exception) => exception switch
    {
        TableTransactionFailedException tx => ClassifyStatus(tx.Status, tx.ErrorCode),
        RequestFailedException rf => ClassifyStatus(rf.Status, rf.ErrorCode),
        HttpRequestException or TimeoutException or TaskCanceledException { InnerException: TimeoutException } => StorageFailureKind.Transient,
        _ => StorageFailureKind.Permanent,
    };

    public static bool IsConflict(Exception exception) => Classify(exception) == StorageFailureKind.Conflict;

    public static bool IsAlreadyExists(Exception exception) => Classify(exception) == StorageFailureKind.AlreadyExists;

    public static bool IsNotFound(Exception exception) => Classify(exception) == StorageFailureKind.NotFound;

    public static bool IsTransient(Exception exception) => Classify(exception) == StorageFailureKind.Transient;

    private static StorageFailureKind ClassifyStatus(int status, string? errorCode)
    {
        if (errorCode == TableErrorCode.UpdateConditionNotSatisfied || errorCode == "ConditionNotMet")
        {
            return StorageFailureKind.Conflict;
        }

        if (errorCode == TableErrorCode.EntityAlreadyExists || errorCode == TableErrorCode.TableAlreadyExists)
        {
            return StorageFailureKind.AlreadyExists;
        }

        return status switch
        {
            412 => StorageFailureKind.Conflict,
            409 => StorageFailureKind.AlreadyExists,
            404 => StorageFailureKind.NotFound,
            408 or 429 or 500 or 502 or 503 or 504 => StorageFailureKind.Transient,
            0 => StorageFailureKind.Transient, // no response at all: the connection failed
            _ => StorageFailureKind.Permanent,
        };
    }
}
