//! `kakehashi sim`: the simulated vendor servers, for scripts, tests and
//! trying Kakehashi without real servers. Prints one JSON line per server as
//! soon as all four listen, then serves until SIGINT or SIGTERM.

use kakehashi_core::AppError;
use kakehashi_sim::{Behaviour, FaultKind, Seed, SimError, SimOptions};

use crate::args::SimArgs;
use crate::output::{emit, Rendered};
use crate::stop_signal::StopSignal;

pub fn run(args: &SimArgs) -> Result<Rendered, AppError> {
    let options = options(args)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|err| AppError::internal(format!("Could not start the async runtime: {err}")))?;
    runtime.block_on(serve(options, args.port))
}

/// Turns the flags into simulator options, refusing nonsense before anything listens.
fn options(args: &SimArgs) -> Result<SimOptions, AppError> {
    let seed: Seed = args
        .seed
        .parse()
        .map_err(|err: kakehashi_sim::SeedError| AppError::validation("seed", err.to_string()))?;
    let fault_kinds = args
        .fault_kinds
        .iter()
        .map(|name| parse_fault_kind(name))
        .collect::<Result<Vec<_>, _>>()?;
    let behaviour = Behaviour {
        latency_ms: args.latency_ms,
        jitter_ms: args.jitter_ms,
        fault_rate: args.faults,
        fault_kinds,
        rate_limit_per_minute: args.rate_limit,
        random_seed: args.random_seed,
        ..Behaviour::default()
    };
    behaviour
        .validate()
        .map_err(|message| AppError::validation("faults", message))?;
    Ok(SimOptions { seed, behaviour })
}

fn parse_fault_kind(name: &str) -> Result<FaultKind, AppError> {
    let name = name.trim();
    FaultKind::ALL
        .into_iter()
        .find(|kind| kind.as_str() == name)
        .ok_or_else(|| {
            let known: Vec<_> = FaultKind::ALL.iter().map(|kind| kind.as_str()).collect();
            AppError::validation(
                "fault-kinds",
                format!(
                    "unknown fault {name:?}: use one or more of {}",
                    known.join(", ")
                ),
            )
        })
}

async fn serve(options: SimOptions, port: Option<u16>) -> Result<Rendered, AppError> {
    let running = kakehashi_sim::start_all(&options, port)
        .await
        .map_err(|err| match err {
            SimError::Bind { .. } => AppError::validation("port", err.to_string()),
            SimError::Invalid(message) => AppError::validation("port", message),
        })?;
    // Before the announcement: a stop right after it must stop cleanly.
    let stop = StopSignal::install();
    let lines: String = running
        .iter()
        .map(|sim| format!("{}\n", sim.announcement_line()))
        .collect();
    emit(&lines);
    tracing::info!(seed = %options.seed, "simulators serving");
    stop.wait().await;
    for sim in running {
        sim.stop().await;
    }
    tracing::info!("simulators stopped");
    Ok(Rendered::streamed())
}
