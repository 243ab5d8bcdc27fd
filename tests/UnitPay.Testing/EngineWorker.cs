using Microsoft.Extensions.Logging.Abstractions;
using UnitPay.Core.Catalog;
using UnitPay.Core.Customers;
using UnitPay.Core.Grants;
using UnitPay.Core.Organizations;
using UnitPay.Core.Storage;
using UnitPay.Core.Usage;
using UnitPay.Core.Wallets;

namespace UnitPay.Testing;

/// <summary>
/// An independent queue worker over shared storage, as a separate Functions instance would be: its own engine (own
/// wallet lanes and caches), its own catalog cache. Several of them racing on one wallet is a multi-instance race.
/// </summary>
public sealed class EngineWorker
{
    public EngineWorker(StorageOptions options, TimeProvider? clock = null)
    {
        clock ??= TimeProvider.System;
        Storage = new StorageAccount(options);
        Store = new WalletStore(Storage, clock);
        Engine = new WalletEngine(Store, clock, NullLogger<WalletEngine>.Instance);
        Catalog = new CatalogReader(new CatalogStore(Storage), new CustomerStore(Storage), clock);
        Directory = new WalletDirectory(Storage, Engine, clock);
        Accounts = new CreditAccountService(Engine, Directory, Store, Catalog, new ExpirySweeper(Storage, Engine, clock, NullLogger<ExpirySweeper>.Instance), clock);
        Processor = new UsageProcessor(
            Catalog,
            new OrganizationStore(Storage, clock),
            Directory,
            Engine,
            new UsageRejectionStore(Storage, clock),
            clock,
            NullLogger<UsageProcessor>.Instance);
    }

    public StorageAccount Storage { get; }

    public WalletStore Store { get; }

    public WalletEngine Engine { get; }

    public CatalogReader Catalog { get; }

    public WalletDirectory Directory { get; }

    public CreditAccountService Accounts { get; }

    public UsageProcessor Processor { get; }
}
