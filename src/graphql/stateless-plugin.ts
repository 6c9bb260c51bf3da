import type { ApolloServerPlugin, BaseContext, GraphQLRequestListener } from "@apollo/server";

/**
 * A plugin whose listener keeps nothing of a request: one object answers every request, where
 * Apollo's usual `async requestDidStart() { return { … } }` makes a new listener and its closures
 * for each (issue 15 §4: the plugins run on every request).
 */
export function statelessPlugin<TContext extends BaseContext>(
  listener: GraphQLRequestListener<TContext>,
): ApolloServerPlugin<TContext> {
  return { requestDidStart: async () => listener };
}
