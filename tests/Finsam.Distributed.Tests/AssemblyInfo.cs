// Each test starts a cluster of processes; two clusters at once on two cores only make both slow.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
