global using BetExecutor.Bookmakers.Contract;
global using BetExecutor.Bookmakers.Http;
global using BetExecutor.Bookmakers.Scripts;
global using BetExecutor.Domain.Legs;
global using BetExecutor.Venue.Simulator;
global using static BetExecutor.Venue.Tests.TestVenue;
