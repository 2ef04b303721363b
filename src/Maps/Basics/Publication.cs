using ModelCheck.Engine;
using static ModelCheck.Engine.MemoryOrder;

namespace ModelCheck.Maps.Basics;

/// <summary>
/// Publishing data through a flag, the pattern behind every lock-free map's "initialise the node, then
/// link it in". The writer stores the data with a plain store and then sets the flag; the reader checks
/// the flag and, if it is set, reads the data with a plain load.
///
/// With a relaxed flag nothing orders the two data accesses: a data race under every memory model, and
/// under ra the reader can see the flag set and still read the data's initial value (the relaxed load
/// does not acquire the writer's view). With a release store and an acquire load of the flag, the
/// acquire synchronises with the release: no race, and no model lets the reader see stale data.
/// </summary>
public static class Publication
{
    const int Payload = 42;

    [Scenario("memory/racy-publication-sc", Argument = "relaxed", Memory = "sc", Expect = BugKind.DataRace,
        Description = "data published through a relaxed flag: a data race on the data (sc)")]
    [Scenario("memory/racy-publication-tso", Argument = "relaxed", Memory = "tso", Expect = BugKind.DataRace,
        Description = "data published through a relaxed flag: a data race on the data (tso)")]
    [Scenario("memory/racy-publication-ra", Argument = "relaxed", Memory = "ra", Expect = BugKind.DataRace,
        Description = "data published through a relaxed flag: a data race on the data (ra)")]
    [Scenario("memory/racy-publication-ra-stale", Argument = "relaxed", Memory = "ra", RaceDetection = false, Expect = BugKind.AssertionFailure,
        Description = "with race detection off, ra shows the racy reader seeing the flag set and the data stale")]
    [Scenario("memory/racy-publication-tso-fifo", Argument = "relaxed", Memory = "tso", RaceDetection = false,
        Description = "with race detection off, tso never shows stale data: store buffers drain in order")]
    [Scenario("memory/release-acquire-publication-sc", Argument = "release-acquire", Memory = "sc",
        Description = "data published through a release/acquire flag: no race, never stale (sc)")]
    [Scenario("memory/release-acquire-publication-tso", Argument = "release-acquire", Memory = "tso",
        Description = "data published through a release/acquire flag: no race, never stale (tso)")]
    [Scenario("memory/release-acquire-publication-ra", Argument = "release-acquire", Memory = "ra",
        Description = "data published through a release/acquire flag: no race, never stale (ra)")]
    public static async Task Publish(Runtime rt, string orders)
    {
        var (store, load) = orders == "relaxed" ? (Relaxed, Relaxed) : (Release, Acquire);
        var data = rt.NewCell("data", 0);
        var flag = rt.NewCell("flag", false);
        var writer = rt.Spawn(async () =>
        {
            await data.Store(Payload, Plain);
            await flag.Store(true, store);
        }, "writer");
        var reader = rt.Spawn(async () =>
        {
            if (!await flag.Load(load)) return;
            int seen = await data.Load(Plain);
            rt.Assert(seen == Payload, $"the reader saw the flag set but read data = {seen}, not {Payload}: the data was stale");
        }, "reader");
        await writer.Join();
        await reader.Join();
    }
}
