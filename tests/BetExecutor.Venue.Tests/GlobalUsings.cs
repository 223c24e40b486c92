global using BetExecutor.Venues.Contract;
global using BetExecutor.Venues.Http;
global using BetExecutor.Venues.Scripts;
global using BetExecutor.Domain.Legs;
global using BetExecutor.Venue.Simulator;
global using static BetExecutor.Venue.Tests.TestVenue;
