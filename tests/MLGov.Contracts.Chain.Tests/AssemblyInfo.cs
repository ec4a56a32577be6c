// The test classes share one anvil and move its clock (challenge windows, unbonding delays,
// policy expiry), so they run one after another.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
