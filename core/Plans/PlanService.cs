using UnitPay.Core.Catalog;
using UnitPay.Core.Grants;
using UnitPay.Core.Identifiers;
using UnitPay.Core.Money;
using UnitPay.Core.Results;
using UnitPay.Core.Wallets;

namespace UnitPay.Core.Plans;

/// <summary>Creates plans after validating every field of the request (all problems are reported at once; nothing is stored on bad input).</summary>
public sealed class PlanService(PlanStore plans, CatalogReader catalog, TimeProvider clock)
{
    /// <summary>At most this many rules, so one wallet's cycle transition (up to 5 operations a rule: two rollovers and a
    /// new grant) always fits one 100-operation transaction.</summary>
    public const int MaxRules = 16;
    public const long MaxPrice = 1_000_000_000_000;
    public const long MaxRuleAmount = Money.AmountLimits.MaxGrant;
    public const int MaxRolloverCount = 100;

    public async Task<Outcome<Plan>> CreateAsync(string orgId, PlanDraft draft, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var errors = new ValidationErrors();
        if (string.IsNullOrWhiteSpace(draft.Name) || draft.Name.Length > 200)
        {
            errors.Add("name", "name is required (1 to 200 characters).");
        }

        var price = ValidatePrice(draft.Price, errors);
        var rules = new List<CreditGrantRule>();
        var drafts = draft.CreditGrantRules ?? [];
        if (drafts.Count > MaxRules)
        {
            errors.Add("creditGrantRules", $"a plan has at most {MaxRules} credit grant rules.");
        }
        else
        {
            for (var i = 0; i < drafts.Count; i++)
            {
                if (await ValidateRuleAsync(orgId, drafts[i], $"creditGrantRules[{i}]", errors, cancellationToken) is { } rule)
                {
                    rules.Add(rule);
                }
            }
        }

        if (!errors.IsEmpty)
        {
            return errors.ToFailure();
        }

        var plan = new Plan
        {
            Id = Ids.New("plan", clock),
            Name = draft.Name!.Trim(),
            Price = price!,
            CreditGrantRules = rules,
            CreatedAt = clock.GetUtcNow(),
        };
        await plans.CreateAsync(orgId, plan, cancellationToken);
        return plan;
    }

    private static PlanPrice? ValidatePrice(PlanPriceDraft? draft, ValidationErrors errors)
    {
        if (draft is null)
        {
            errors.Add("price", "price is required: {amount, currency, interval} (amount 0 for a free plan).");
            return null;
        }

        var valid = true;
        if (draft.Amount is not (>= 0 and <= MaxPrice))
        {
            errors.Add("price.amount", $"price.amount is required: an integer of minor units from 0 to {MaxPrice}.");
            valid = false;
        }

        string? currency = null;
        if (draft.Currency is not null)
        {
            if (Denomination.TryParse(draft.Currency, out var denomination) && !denomination.IsUnit)
            {
                currency = denomination.Code;
            }
            else
            {
                errors.Add("price.currency", "price.currency must be an ISO-4217 currency code such as 'usd'.");
                valid = false;
            }
        }
        else if (draft.Amount > 0)
        {
            errors.Add("price.currency", "price.currency is required when the plan has a price.");
            valid = false;
        }

        BillingInterval interval = default;
        if (draft.Interval is not ("month" or "year"))
        {
            errors.Add("price.interval", "price.interval must be 'month' or 'year'.");
            valid = false;
        }
        else
        {
            interval = draft.Interval == "month" ? BillingInterval.Month : BillingInterval.Year;
        }

        return valid ? new PlanPrice { Amount = draft.Amount!.Value, Currency = currency, Interval = interval } : null;
    }

    private async Task<CreditGrantRule?> ValidateRuleAsync(string orgId, CreditGrantRuleDraft? draft, string at, ValidationErrors errors, CancellationToken cancellationToken)
    {
        if (draft is null)
        {
            errors.Add(at, $"{at} must be an object.");
            return null;
        }

        var valid = true;
        void Invalid(string field, string message)
        {
            errors.Add($"{at}.{field}", $"{at}.{field} {message}");
            valid = false;
        }

        if (string.IsNullOrWhiteSpace(draft.CreditCurrencyId) || await catalog.CurrencyAsync(orgId, draft.CreditCurrencyId, cancellationToken) is null)
        {
            Invalid("creditCurrencyId", "must name an existing credit currency.");
        }

        if (draft.Amount is not (> 0 and <= MaxRuleAmount))
        {
            Invalid("amount", $"is required: a positive integer of minor units, at most {MaxRuleAmount}.");
        }

        GrantCadence cadence = default;
        switch (draft.Cadence)
        {
            case "per_cycle":
                cadence = GrantCadence.PerCycle;
                break;
            case "daily":
                cadence = GrantCadence.Daily;
                break;
            case "once":
                cadence = GrantCadence.Once;
                break;
            default:
                Invalid("cadence", "must be 'per_cycle', 'daily' or 'once'.");
                break;
        }

        if (draft.Priority is < 0 or > CreditAccountService.MaxPriority)
        {
            Invalid("priority", $"must be between 0 and {CreditAccountService.MaxPriority}.");
        }

        CalendarDuration? Duration(string field, string? text)
        {
            if (text is null)
            {
                return null;
            }

            if (CalendarDuration.TryParse(text, out var parsed))
            {
                return parsed;
            }

            Invalid(field, "must be an ISO-8601 duration with one unit, such as PT12H, P7D, P2W, P1M or P1Y.");
            return null;
        }

        var expiresAfter = Duration("expiresAfter", draft.ExpiresAfter);

        RolloverPolicy? rollover = null;
        if (draft.Rollover is { } r)
        {
            if (draft.Cadence is "daily" or "once")
            {
                Invalid("rollover", "applies to per_cycle rules only.");
            }

            if (draft.ExpiresAfter is not null)
            {
                Invalid("rollover", "needs the rule's grants to expire at the cycle's end: remove expiresAfter, or the rollover.");
            }

            if (r.Percentage is not (>= 0 and <= 100))
            {
                Invalid("rollover.percentage", "is required: 0 to 100 (the share of the unused remainder that rolls over).");
            }

            if (r.MaxCount is not null and not (>= 1 and <= MaxRolloverCount))
            {
                Invalid("rollover.maxCount", $"must be 1 to {MaxRolloverCount} (consecutive rollovers of the same credits).");
            }

            var rolloverExpiry = Duration("rollover.expiresAfter", r.ExpiresAfter);
            rollover = valid ? new RolloverPolicy { Percentage = r.Percentage!.Value, MaxCount = r.MaxCount ?? 1, ExpiresAfter = rolloverExpiry } : null;
        }

        if (!valid)
        {
            return null;
        }

        var source = cadence == GrantCadence.Daily ? GrantSource.Drip : GrantSource.Plan;
        return new CreditGrantRule
        {
            CreditCurrencyId = draft.CreditCurrencyId!,
            Amount = draft.Amount!.Value,
            Cadence = cadence,
            Priority = draft.Priority ?? GrantSources.DefaultPriority(source),
            ExpiresAfter = expiresAfter,
            Rollover = rollover,
        };
    }
}
