// Each test class starts the whole embedded system and a Chromium of its own; several at once on two cores starve each
// other until a browser navigation waits past its deadline (seen in CI as a sign-in or sign-out click that never
// finished). One class at a time, as the distributed tests run their clusters.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
